// The sscgraph query page: pick a saved question or write SPARQL, run it on the
// endpoint of this server and show the rows. No external libraries, so it works offline.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ID_BASE = "https://w3id.org/sscgraph/id/";
  const PREFIXES = {
    "https://w3id.org/sscgraph/ontology#": "ssc:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:",
  };
  let savedQueries = [];
  let current = null; // the saved question shown, while its text is unchanged

  function shortIri(iri) {
    if (iri.startsWith(ID_BASE)) return iri.slice(ID_BASE.length);
    for (const [ns, prefix] of Object.entries(PREFIXES)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + iri.slice(ns.length);
    }
    return iri;
  }

  function setStatus(text) { $("status").textContent = text; }

  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = false;
  }

  function clearAnswer() {
    $("error").hidden = true;
    $("graph").hidden = true;
    $("results").hidden = true;
    $("results").querySelector("thead").replaceChildren();
    $("results").querySelector("tbody").replaceChildren();
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = term.value;
      a.title = term.value;
      a.textContent = shortIri(term.value);
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      const tag = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? shortIri(term.datatype) : "";
      if (tag && !tag.endsWith("string")) {
        const span = document.createElement("span");
        span.className = "lit-type";
        span.textContent = " " + tag;
        td.appendChild(span);
      }
    }
    return td;
  }

  function showSolutions(data, truncated) {
    const table = $("results");
    if (typeof data.boolean === "boolean") {
      $("graph").textContent = data.boolean ? "true" : "false";
      $("graph").hidden = false;
      setStatus("ASK answered " + data.boolean);
      return;
    }
    const vars = data.head.vars;
    const head = document.createElement("tr");
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    table.querySelector("thead").appendChild(head);
    const body = table.querySelector("tbody");
    for (const binding of data.results.bindings) {
      const tr = document.createElement("tr");
      for (const v of vars) tr.appendChild(cell(binding[v]));
      body.appendChild(tr);
    }
    table.hidden = false;
    const n = data.results.bindings.length;
    setStatus(n + (n === 1 ? " row" : " rows") + (truncated ? " (cut at the row limit: " + truncated + ")" : ""));
  }

  // Where and how to send the current question; format is a results format or null for JSON/Turtle.
  function request(format) {
    const body = new URLSearchParams();
    let url;
    if (current && $("query").value === current.text) {
      url = "saved/" + encodeURIComponent(current.name);
      for (const input of $("param-fields").querySelectorAll("input")) {
        if (input.value.trim()) body.append(input.name, input.value);
      }
    } else {
      url = "sparql";
      body.append("query", $("query").value);
    }
    if (format) body.append("format", format);
    return { url, body };
  }

  async function run() {
    clearAnswer();
    setStatus("Running…");
    const started = performance.now();
    const { url, body } = request(null);
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body,
      });
    } catch (err) {
      setStatus("");
      showError("The server did not answer: " + err);
      return;
    }
    const text = await response.text();
    if (!response.ok) {
      setStatus("");
      showError(response.status + " " + response.statusText + "\n" + text);
      return;
    }
    const truncated = response.headers.get("X-Sscgraph-Truncated");
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("text/turtle")) {
      $("graph").textContent = text;
      $("graph").hidden = false;
      setStatus("graph" + (truncated ? " (cut at the row limit)" : ""));
    } else {
      showSolutions(JSON.parse(text), truncated);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    setStatus($("status").textContent + " in " + seconds + " s");
  }

  async function download() {
    const fmt = $("download-format").value;
    const { url, body } = request(fmt);
    const response = await fetch(url, { method: "POST", body });
    if (!response.ok) {
      showError(response.status + " " + (await response.text()));
      return;
    }
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = (current ? current.name : "query") + "." + (fmt === "turtle" ? "ttl" : fmt);
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function choose(name) {
    const q = savedQueries.find((s) => s.name === name) || null;
    current = q;
    const fields = $("param-fields");
    fields.replaceChildren();
    $("params").hidden = !q || q.params.length === 0;
    $("description").textContent = q ? q.description : "";
    if (!q) return;
    $("query").value = q.text;
    for (const p of q.params) {
      const label = document.createElement("label");
      label.htmlFor = "param-" + p.name;
      label.textContent = p.name + (p.description ? " — " + p.description : "");
      const input = document.createElement("input");
      input.id = "param-" + p.name;
      input.name = p.name;
      input.placeholder = p.default;
      fields.append(label, input);
    }
  }

  async function loadSaved() {
    try {
      const response = await fetch("saved");
      savedQueries = await response.json();
    } catch (err) {
      showError("Could not list the saved questions: " + err);
      return;
    }
    const select = $("saved");
    for (const q of savedQueries) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.title;
      select.appendChild(option);
    }
    const wanted = new URLSearchParams(location.search).get("saved");
    if (wanted) {
      select.value = wanted;
      choose(wanted);
    }
    document.body.dataset.ready = "true";
  }

  $("endpoint").textContent = new URL("sparql", location.href).href;
  $("saved").addEventListener("change", (e) => choose(e.target.value));
  $("run").addEventListener("click", run);
  $("download").addEventListener("click", download);
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  loadSaved();
})();
