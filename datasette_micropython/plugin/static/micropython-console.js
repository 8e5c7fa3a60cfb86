// The console page: sends the editor's code to the run API and draws what comes back. Everything the
// sandbox produced is inserted as text (textContent), never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("micropython-console");
  const output = document.getElementById("micropython-output");
  const status = document.getElementById("micropython-status");
  const form = document.getElementById("micropython-form");
  const runButton = document.getElementById("micropython-run");
  const resetButton = document.getElementById("micropython-reset");
  const stopButton = document.getElementById("micropython-stop");
  const link = document.getElementById("micropython-link");
  const textarea = document.getElementById("micropython-code");
  // The code survives reloads, like the session; opening the console from a table or a permalink
  // starts from that code instead.
  const storageKey = "micropython-console:" + root.dataset.database;
  // Set while this browser has a session here, to tell the user when a run lands in a fresh one.
  const sessionKey = "micropython-console-session:" + root.dataset.database;
  if (!root.dataset.fromLink && localStorage.getItem(storageKey)) {
    textarea.value = localStorage.getItem(storageKey);
  }
  // The session's names, asked once after each run (and after a reset), for the editor's completions.
  let sessionNames = null;
  const attributeNames = new Map();
  async function complete(path) {
    if (path === null && sessionNames) return sessionNames;
    if (path !== null && attributeNames.has(path)) return attributeNames.get(path);
    let names = null;
    try {
      names = (await post(root.dataset.completeUrl, { path })).names;
    } catch (error) {
      return null;
    }
    if (path === null) sessionNames = names;
    else if (names) attributeNames.set(path, names);
    return names;
  }
  function forgetNames() {
    sessionNames = null;
    attributeNames.clear();
  }
  const editor = window.MicroPythonEditor.create(textarea, run, {
    modules: JSON.parse(root.dataset.modules || "[]"),
    complete,
  });
  editor.focus();
  updateLink();
  editor.view.dom.addEventListener("keyup", updateLink);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  resetButton.addEventListener("click", reset);
  stopButton.addEventListener("click", stop);

  // The permalink: this page with the editor's code in the URL (?code=), like Datasette's SQL editor.
  function updateLink() {
    link.href = root.dataset.consoleUrl + "?" + new URLSearchParams({ code: editor.getCode() }).toString();
  }

  const { element, cellText } = window.MicroPythonOutput;
  const section = (label, text, className) => window.MicroPythonOutput.section(output, label, text, className);

  // Datasette's own classes: numbers align right.
  function cellClass(value) {
    if (value === null) return "type-none";
    if (typeof value === "number") return Number.isInteger(value) ? "type-int" : "type-float";
    return "";
  }

  const count = (n, noun) => n.toLocaleString("en-US") + " " + noun + (n === 1 ? "" : "s");

  // The rows shown, as CSV (RFC 4180), JSON (a list of objects) or a Markdown table.
  function csvCell(value) {
    const text = cellText(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function markdownCell(value) {
    return cellText(value).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
  }
  const formats = {
    CSV: (t) => [t.columns, ...t.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n",
    JSON: (t) => JSON.stringify(t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]]))), null, 2),
    Markdown: (t) =>
      [t.columns.map(markdownCell), t.columns.map(() => "---"), ...t.rows.map((row) => row.map(markdownCell))]
        .map((cells) => "| " + cells.join(" | ") + " |")
        .join("\n") + "\n",
  };

  function copyButtons(result) {
    const buttons = element("span", "micropython-copy");
    buttons.append("Copy as ");
    for (const [name, format] of Object.entries(formats)) {
      const button = element("button", "micropython-copy-" + name.toLowerCase(), name);
      button.type = "button";
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(format(result));
          button.textContent = "Copied";
        } catch (error) {
          button.textContent = "Copy failed";
        }
        setTimeout(() => (button.textContent = name), 1500);
      });
      buttons.append(button);
    }
    return buttons;
  }

  // Loads the chart bundle (Observable Plot) the first time a run draws a chart.
  let chartLibrary = null;
  function loadCharts() {
    if (!chartLibrary) {
      chartLibrary = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = root.dataset.chartScript;
        script.onload = () => resolve(window.MicroPythonChart);
        script.onerror = () => reject(new Error("could not load " + script.src));
        document.head.append(script);
      });
    }
    return chartLibrary;
  }

  function drawChart(result, wrapper) {
    const figure = element("div", "micropython-chart");
    figure.setAttribute("aria-label", result.chart.kind + " chart of " + (result.chart.y || "count") + " by " + result.chart.x);
    wrapper.append(figure);
    loadCharts()
      .then((charts) => charts.draw(figure, result.chart, result, Math.min(960, output.clientWidth || 960)))
      .catch((error) => figure.append(element("pre", "micropython-error", "The chart could not be drawn: " + error.message)))
      .finally(() => figure.setAttribute("data-drawn", "1"));
  }

  function drawTable(result) {
    const wrapper = element("div", "micropython-block micropython-table");
    const caption = result.truncated
      ? "showing the first " + result.rows.length.toLocaleString("en-US") + " of " + count(result.total, "row")
      : count(result.rows.length, "row");
    const label = element("div", "micropython-label micropython-table-label");
    label.append(element("span", "micropython-row-count", caption), copyButtons(result));
    wrapper.append(label);
    if (result.chart) drawChart(result, wrapper);
    const scroller = element("div", "table-wrapper");
    const table = element("table", "rows-and-columns");
    const head = table.createTHead().insertRow();
    for (const column of result.columns) head.append(element("th", "", column));
    const body = table.createTBody();
    for (const row of result.rows) {
      const tr = body.insertRow();
      for (const value of row) tr.append(element("td", cellClass(value), cellText(value)));
    }
    scroller.append(table);
    wrapper.append(scroller);
    output.append(wrapper);
  }

  function draw(result) {
    output.replaceChildren();
    if (result.new_session && localStorage.getItem(sessionKey)) {
      section("session", "This ran in a new session: variables from earlier runs are gone.", "micropython-note");
    }
    if (result.session_restored) section("session", result.session_restored, "micropython-note");
    localStorage.setItem(sessionKey, "1");
    if (result.stdout) section("output", result.stdout, "micropython-stdout");
    if (result.stderr) section("stderr", result.stderr, "micropython-stderr");
    if (result.error) section("error", result.traceback || result.error, "micropython-error");
    if (result.session_reset) section("session", "The session was reset after this error.", "micropython-note");
    for (const table of result.tables || []) drawTable(table);
    const valueIsTable = (result.tables || []).some((table) => table.source === "value");
    if (result.value !== null && !valueIsTable) {
      section("value", result.value, "micropython-value");
    }
    editor.markErrorLine(result.error ? result.line : 0);
    forgetNames();
    const took = result.duration === null ? "" : "Ran in " + Math.round(result.duration * 1000) + " ms";
    status.textContent = took + (result.truncated ? " · output truncated" : "");
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({ error: response.status + " " + response.statusText }));
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  async function run() {
    if (runButton.disabled) return;
    const code = editor.getCode();
    localStorage.setItem(storageKey, code);
    updateLink();
    runButton.disabled = true;
    stopButton.disabled = false;
    status.textContent = "Running…";
    try {
      draw(await post(root.dataset.runUrl, { code }));
    } catch (error) {
      output.replaceChildren();
      section("error", error.message, "micropython-error");
      status.textContent = "";
    } finally {
      runButton.disabled = false;
      stopButton.disabled = true;
    }
  }

  // Interrupts the run at once; its own response then says where it stopped. The session stays. A
  // Stop pressed before the server has started the run (a new session is still being made) is tried
  // again for a moment, while the run is in flight.
  async function stop() {
    stopButton.disabled = true;
    status.textContent = "Stopping…";
    try {
      for (let attempt = 0; attempt < 25 && runButton.disabled; attempt++) {
        if ((await post(root.dataset.stopUrl, {})).stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } catch (error) {
      status.textContent = "Stop failed: " + error.message;
    }
  }

  async function reset() {
    try {
      // Never waits for a run: the server closes the session in the background, and a run in progress
      // answers that it was stopped.
      await post(root.dataset.resetUrl, {});
      forgetNames();
      localStorage.removeItem(sessionKey);
      output.replaceChildren();
      editor.markErrorLine(0);
      status.textContent = "Session reset: variables cleared.";
    } catch (error) {
      status.textContent = "Reset failed: " + error.message;
    }
  }
});
