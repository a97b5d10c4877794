// Parse a GEXF file with graphology-gexf (the parser Gephi Lite uses) and
// print what it read as JSON: graph type, nodes and edges with their attributes.
// Usage: node read-gexf.js FILE.gexf
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = gexf.parse(Graph, text);
const out = {
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  nodes: graph.mapNodes((key, attributes) => ({key, attributes})),
  edges: graph.mapEdges((key, attributes, source, target, sa, ta, undirected) => ({
    key, source, target, undirected, attributes,
  })),
};
process.stdout.write(JSON.stringify(out));
