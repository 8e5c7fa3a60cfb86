// The console's Python editor: CodeMirror 6 with Python highlighting. build.sh bundles this file into
// static/micropython-editor.js, which defines window.MicroPythonEditor for static/micropython-console.js.
import { basicSetup, EditorView } from "codemirror";
import { autocompletion, closeCompletion } from "@codemirror/autocomplete";
import { indentWithTab } from "@codemirror/commands";
import { syntaxTree } from "@codemirror/language";
import { localCompletionSource, python } from "@codemirror/lang-python";
import { Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, keymap } from "@codemirror/view";

// The line of the last error, highlighted until the code is edited.
const setErrorLine = StateEffect.define();
const errorLineMark = Decoration.line({ class: "cm-error-line" });

const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    if (transaction.docChanged) {
      marks = Decoration.none;
    }
    for (const effect of transaction.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        const doc = transaction.state.doc;
        marks = line >= 1 && line <= doc.lines ? Decoration.set([errorLineMark.range(doc.line(line).from)]) : Decoration.none;
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const IMPORTED = /^\s*(?:import\s+(?:[\w.]+\s*,\s*)*|from\s+)([\w.]*)$/;

function textBefore(context) {
  const line = context.state.doc.lineAt(context.pos);
  return line.text.slice(0, context.pos - line.from);
}

// The editor's own names (assignments, definitions in the text), except after `import`/`from`, where
// only modules the guest can import make sense.
function editorNames(context) {
  return IMPORTED.test(textBefore(context)) ? null : localCompletionSource(context);
}

// Completions from the page: `options.modules`, the names the guest can import (after `import` and
// `from`), and `options.complete(path)`, an async function giving the names of the live session
// (`path` null) or of one of its modules (`path` "datasette" or "os.path"; null if unknown).
function pageCompletions(options) {
  const asOptions = (names, type) => names.map((label) => ({ label, type }));
  return async (context) => {
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (["String", "FormatString", "Comment"].includes(node.name)) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = textBefore(context);
    const imported = IMPORTED.exec(before);
    if (imported && options.modules) {
      return { from: context.pos - imported[1].length, options: asOptions(options.modules, "namespace"), validFor: /^[\w.]*$/ };
    }
    if (!options.complete) return null;
    const attribute = /(?:^|[^\w.])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\.(\w*)$/.exec(before);
    if (attribute) {
      const names = await options.complete(attribute[1]);
      return names ? { from: context.pos - attribute[2].length, options: asOptions(names, "property"), validFor: /^\w*$/ } : null;
    }
    const word = context.matchBefore(/[A-Za-z_]\w*/);
    if ((!word || /\.$/.test(before.slice(0, word.from - line.from))) && !context.explicit) return null;
    const names = await options.complete(null);
    if (!names) return null;
    return { from: word ? word.from : context.pos, options: asOptions(names, "variable"), validFor: /^\w*$/ };
  };
}

// Replaces `textarea` with an editor holding its text; `onRun` is called on Ctrl/Cmd+Enter. `options`
// (optional): `modules` and `complete` for completions (see pageCompletions).
function create(textarea, onRun, options = {}) {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: (view) => (closeCompletion(view), onRun(), true) }])),
      basicSetup,
      keymap.of([indentWithTab]),
      python(),
      // These sources only: CPython's builtins come from the live session, and lang-python's own list of
      // them would bury the modules after `import`.
      autocompletion({ override: [pageCompletions(options), editorNames] }),
      errorLine,
      EditorView.contentAttributes.of({ "aria-label": "Python code" }),
    ],
  });
  textarea.insertAdjacentElement("afterend", view.dom);
  textarea.hidden = true;
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } }),
    markErrorLine: (line) => view.dispatch({ effects: setErrorLine.of(line || 0) }),
    focus: () => view.focus(),
  };
}

window.MicroPythonEditor = { create };
