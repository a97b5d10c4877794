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
  $GRAPH/store          the RDF store (query it: .venv/bin/sscgraph query --graph $GRAPH --list)
  $OUT/sscgraph.trig    the whole dataset, one named graph per document
$(for f in "$OUT"/*.gexf "$OUT"/*.graphml "$OUT"/pages/index.html "$OUT"/rankings.csv; do [ -e "$f" ] && echo "  $f"; done)
DONE
