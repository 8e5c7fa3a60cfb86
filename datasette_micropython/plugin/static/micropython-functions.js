// The Functions page: tests a definition on sample values and saves it through the page's JSON API
// (same-origin fetch, so no token is needed). Everything shown comes back as text, never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("mpf-form");
  const page = form.dataset.page;
  const output = document.getElementById("mpf-output");
  const status = document.getElementById("mpf-status");
  const editor = window.MicroPythonEditor.create(document.getElementById("mpf-code"), () => test());
  const saved = JSON.parse(document.getElementById("mpf-saved").textContent);
  const field = (name) => form.elements[name];

  function definition() {
    const body = {
      name: field("name").value.trim(),
      database: field("database").value || null,
      code: editor.getCode(),
      aggregate: field("aggregate").checked,
      deterministic: field("deterministic").checked,
    };
    const time = field("time_limit").value.trim();
    if (time) body.time_limit = Number(time);
    const memory = field("memory_limit").value.trim();
    if (memory) body.memory_limit = /^\d+$/.test(memory) ? Number(memory) : memory;
    return body;
  }

  function samples() {
    return document.getElementById("mpf-samples").value
      .split("\n").map((line) => line.trim()).filter(Boolean).map((line) => JSON.parse(line));
  }

  async function post(path, body) {
    const response = await fetch(page + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  function showError(message) {
    output.replaceChildren();
    const p = document.createElement("p");
    p.className = "mpf-error";
    p.textContent = message;
    output.append(p);
  }

  async function test() {
    let rows;
    try {
      rows = samples();
    } catch (e) {
      showError("Sample values: " + e.message);
      return;
    }
    status.textContent = "Testing…";
    const result = await post("/test", { ...definition(), samples: rows });
    status.textContent = "";
    if (!result.ok) {
      showError(result.error);
      return;
    }
    const table = document.createElement("table");
    table.className = "mpf-results";
    const head = table.insertRow();
    for (const title of ["Arguments", "Result"]) {
      const th = document.createElement("th");
      th.textContent = title;
      head.append(th);
    }
    const inputs = field("aggregate").checked ? [rows] : rows;
    result.results.forEach((r, i) => {
      const row = table.insertRow();
      row.insertCell().textContent = JSON.stringify(inputs[i]);
      const cell = row.insertCell();
      if ("error" in r) {
        cell.className = "mpf-error";
        cell.textContent = r.error;
      } else {
        cell.textContent = JSON.stringify(r.value);
      }
    });
    output.replaceChildren(table);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Saving…";
    const result = await post("/save", definition());
    if (!result.ok) {
      status.textContent = "";
      showError(result.error);
      return;
    }
    window.location.reload();
  });
  document.getElementById("mpf-test").addEventListener("click", test);

  for (const button of document.querySelectorAll(".mpf-edit")) {
    button.addEventListener("click", () => {
      const d = saved.find((s) => s.name === button.dataset.name);
      field("name").value = d.name;
      field("database").value = d.database || "";
      field("aggregate").checked = d.aggregate;
      field("deterministic").checked = d.deterministic;
      field("time_limit").value = d.time_limit ?? "";
      field("memory_limit").value = d.memory_limit ?? "";
      editor.setCode(d.code);
    });
  }
  for (const button of document.querySelectorAll(".mpf-delete")) {
    button.addEventListener("click", async () => {
      if (!confirm(`Delete ${button.dataset.name}?`)) return;
      await post("/delete", { name: button.dataset.name });
      window.location.reload();
    });
  }
});
