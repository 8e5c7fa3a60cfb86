// The Jobs page's editor: saves the job, runs it now or dry-runs the editor's code, enables, disables and
// deletes it through the JSON API, and draws what a run did. Everything a run produced is inserted as text
// (textContent), never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("micropython-job");
  const form = document.getElementById("micropython-job-form");
  const output = document.getElementById("micropython-output");
  const status = document.getElementById("micropython-status");
  const textarea = document.getElementById("micropython-code");
  const job = JSON.parse(document.getElementById("micropython-job-data").textContent);
  const readOnly = Boolean(root.dataset.readOnly);
  const editor = window.MicroPythonEditor.create(textarea, () => (root.dataset.new ? save() : dryRun()));

  const { element, cellText } = window.MicroPythonOutput;
  const section = (label, text, className) => window.MicroPythonOutput.section(output, label, text, className);

  function drawPreview(table, rows) {
    if (!rows.length) return;
    const columns = [];
    for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    const wrapper = element("div", "micropython-block micropython-table");
    wrapper.append(element("div", "micropython-label", "would write to " + table + " (first " + rows.length + " rows)"));
    const scroller = element("div", "table-wrapper");
    const tableNode = element("table", "rows-and-columns");
    const head = tableNode.createTHead().insertRow();
    for (const column of columns) head.append(element("th", "", column));
    const body = tableNode.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const column of columns) tr.append(element("td", "", cellText(row[column])));
    }
    scroller.append(tableNode);
    wrapper.append(scroller);
    output.append(wrapper);
  }

  function describeRows(rows) {
    const parts = [];
    for (const [table, counts] of Object.entries(rows || {})) {
      const done = Object.entries(counts).filter(([, n]) => n).map(([kind, n]) => n + " " + kind);
      parts.push(table + ": " + (done.join(", ") || "nothing"));
    }
    return parts.join("\n") || "no writes";
  }

  function drawRun(run) {
    output.replaceChildren();
    const label = run.trigger === "dry-run" ? "dry run" : "run";
    const verdict = run.status === "success" ? (run.trigger === "dry-run" ? "would write" : "wrote") : "failed: nothing written";
    section(label + " #" + run.id + " (" + run.duration.toFixed(3) + " s)", verdict + "\n" + describeRows(run.rows),
      run.status === "success" ? "micropython-note" : "micropython-error");
    if (run.stdout) section("output", run.stdout, "micropython-stdout");
    if (run.stderr) section("stderr", run.stderr, "micropython-stderr");
    if (run.error) section("error", run.traceback || run.error, "micropython-error");
    editor.markErrorLine(run.line);
    for (const [table, rows] of Object.entries(run.preview || {})) drawPreview(table, rows);
  }

  function settings() {
    const data = new FormData(form);
    const kind = data.get("schedule_kind");
    const value = String(data.get("schedule_value")).trim();
    const body = {
      name: String(data.get("name")).trim(),
      create: Boolean(root.dataset.new),
      database: data.get("database"),
      code: editor.getCode(),
      schedule: kind === "interval" ? { interval: Number(value) } : { cron: value },
      writes: String(data.get("writes")).split(/[\s,]+/).filter(Boolean),
      network: { allow: String(data.get("allow")).split(/\s+/).filter(Boolean) },
      max_failures: Number(data.get("max_failures")),
    };
    // Settings the form does not show (other limits, write caps set through the API) are kept.
    Object.assign(body, job.limits || {});
    for (const key of ["max_write_rows", "max_write_bytes"]) if (job[key] !== undefined) body[key] = job[key];
    const timeLimit = String(data.get("time_limit")).trim();
    if (timeLimit) body.time_limit = Number(timeLimit);
    else delete body.time_limit;
    return body;
  }

  async function post(url, body) {
    status.textContent = "Working…";
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body || {}),
      });
      const result = await response.json();
      status.textContent = "";
      return { response, result };
    } catch (error) {
      status.textContent = "Request failed: " + error;
      throw error;
    }
  }

  function showError(result) {
    output.replaceChildren();
    section("error", result.error || "Failed", "micropython-error");
    editor.markErrorLine(result.line);
  }

  async function save() {
    if (readOnly) return;
    const { result } = await post(root.dataset.saveUrl, settings());
    if (!result.ok) return showError(result);
    window.location.href = result.job.url;
  }

  async function dryRun() {
    const { result } = await post(root.dataset.actionBase + "/dry-run", readOnly ? {} : { code: editor.getCode() });
    if (result.run) drawRun(result.run);
    else showError(result);
  }

  async function runNow() {
    const { result } = await post(root.dataset.actionBase + "/run");
    if (result.run) drawRun(result.run);
    else showError(result);
  }

  function on(id, handler) {
    const button = document.getElementById(id);
    if (button) button.addEventListener("click", handler);
    return button;
  }

  on("micropython-job-save", save);
  on("micropython-job-dry-run", dryRun);
  on("micropython-job-run", runNow);
  const toggle = on("micropython-job-toggle", async () => {
    const verb = toggle.dataset.enabled ? "disable" : "enable";
    const { result } = await post(root.dataset.actionBase + "/" + verb);
    if (!result.ok) return showError(result);
    window.location.reload();
  });
  on("micropython-job-delete", async () => {
    if (!window.confirm("Delete job " + job.name + " and its history?")) return;
    const { result } = await post(root.dataset.actionBase + "/delete");
    if (!result.ok) return showError(result);
    window.location.href = root.dataset.listUrl;
  });
});
