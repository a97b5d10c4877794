#!/usr/bin/env bash
# Install sscgraph, build the knowledge graph of the bundled seed corpus and
# write every output a user opens next. Outputs go to ./out (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out}"
scripts/setup.sh
SSC=.venv/bin/sscgraph
GRAPH="$OUT/graph"

echo "==> building the graph of seeds/ into $GRAPH"
"$SSC" build seeds --graph "$GRAPH" --quiet
echo "==> validating"
"$SSC" validate --graph "$GRAPH" | tail -n 1
"$SSC" export --graph "$GRAPH" --format trig -o "$OUT/sscgraph.trig"
for extra in scripts/demo.d/*.sh; do
  [ -e "$extra" ] && SSC="$SSC" GRAPH="$GRAPH" OUT="$OUT" bash "$extra"
done

cat <<DONE

Done. Outputs in $OUT/:
$(describe() { [ -e "$1" ] && printf '  %-24s %s\n' "$1" "$2"; true; }
  describe "$GRAPH/store" "the RDF store (query it: .venv/bin/sscgraph query --graph $GRAPH --list)"
  describe "$OUT/sscgraph.trig" "the whole dataset, one named graph per document"
  describe "$OUT/sscgraph.gexf" "the network for Gephi / Gephi Lite (open it there)"
  describe "$OUT/sscgraph.graphml" "the same network for networkx, Cytoscape, yEd"
  describe "$OUT/network" "nodes.csv and edges.csv in Gephi's spreadsheet import format"
  describe "$OUT/rankings.csv" "every entity ranked by centrality, with its community"
  describe "$OUT/pages/index.html" "interactive network pages: open in a browser, offline")
DONE
