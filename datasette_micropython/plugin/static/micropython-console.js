// The console page: sends the editor's code to the run API and draws what comes back. Everything the
// sandbox produced is inserted as text (textContent), never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("micropython-console");
  const output = document.getElementById("micropython-output");
  const status = document.getElementById("micropython-status");
  const form = document.getElementById("micropython-form");
  const runButton = document.getElementById("micropython-run");
  const resetButton = document.getElementById("micropython-reset");
  const textarea = document.getElementById("micropython-code");
  // The code survives reloads, like the session; opening the console from a table starts from its snippet.
  const storageKey = "micropython-console:" + root.dataset.database;
  // Set while this browser has a session here, to tell the user when a run lands in a fresh one.
  const sessionKey = "micropython-console-session:" + root.dataset.database;
  if (!root.dataset.fromTable && localStorage.getItem(storageKey)) {
    textarea.value = localStorage.getItem(storageKey);
  }
  const editor = window.MicroPythonEditor.create(textarea, run);
  editor.focus();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  resetButton.addEventListener("click", reset);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function section(label, text, className) {
    const block = element("div", "micropython-block " + className);
    block.append(element("div", "micropython-label", label), element("pre", "", text));
    output.append(block);
  }

  function cellText(value) {
    if (value === null) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  // Datasette's own classes: numbers align right.
  function cellClass(value) {
    if (value === null) return "type-none";
    if (typeof value === "number") return Number.isInteger(value) ? "type-int" : "type-float";
    return "";
  }

  function drawTable(result) {
    const wrapper = element("div", "micropython-block micropython-table");
    const caption = result.rows.length + (result.rows.length === 1 ? " row" : " rows");
    wrapper.append(element("div", "micropython-label", result.truncated ? caption + " (truncated)" : caption));
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
    runButton.disabled = true;
    status.textContent = "Running…";
    try {
      draw(await post(root.dataset.runUrl, { code }));
    } catch (error) {
      output.replaceChildren();
      section("error", error.message, "micropython-error");
      status.textContent = "";
    } finally {
      runButton.disabled = false;
    }
  }

  async function reset() {
    try {
      await post(root.dataset.resetUrl, {});
      localStorage.removeItem(sessionKey);
      output.replaceChildren();
      editor.markErrorLine(0);
      status.textContent = "Session reset: variables cleared.";
    } catch (error) {
      status.textContent = "Reset failed: " + error.message;
    }
  }
});
