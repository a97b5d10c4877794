#!/usr/bin/env bash
# Network outputs of the demo: the central actors ranked, the network for
# Gephi (GEXF, GraphML, CSV tables) and the interactive pages.
# Called by scripts/demo.sh with SSC (the sscgraph command), GRAPH and OUT set.
set -euo pipefail
: "${SSC:?}" "${GRAPH:?}" "${OUT:?}"

echo "==> ranking the central actors (scores stored in the graph) into $OUT/rankings.csv"
"$SSC" analyze --graph "$GRAPH" --top 10 -o "$OUT/rankings.csv"
echo "==> writing the network for Gephi"
"$SSC" export --graph "$GRAPH" --format gexf -o "$OUT/sscgraph.gexf"
"$SSC" export --graph "$GRAPH" --format graphml -o "$OUT/sscgraph.graphml"
"$SSC" export --graph "$GRAPH" --format csv -o "$OUT/network"
echo "==> writing the interactive network pages into $OUT/pages"
"$SSC" viz --graph "$GRAPH" -o "$OUT/pages"
