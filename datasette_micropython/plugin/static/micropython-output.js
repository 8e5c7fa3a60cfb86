// DOM helpers shared by the console and the Jobs page for drawing what a run produced. Everything is
// inserted as text (textContent), never as HTML.
window.MicroPythonOutput = {
  element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  },

  // One labelled block of text (output, stderr, an error...) appended to `output`.
  section(output, label, text, className) {
    const { element } = window.MicroPythonOutput;
    const block = element("div", "micropython-block " + className);
    block.append(element("div", "micropython-label", label), element("pre", "", text));
    output.append(block);
  },

  // A table cell's text: strings as they are, other JSON values as JSON, NULL (or a missing key) empty.
  cellText(value) {
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  },
};
