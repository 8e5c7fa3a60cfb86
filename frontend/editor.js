// The console's Python editor: CodeMirror 6 with Python highlighting. build.sh bundles this file into
// static/micropython-editor.js, which defines window.MicroPythonEditor for static/micropython-console.js.
import { basicSetup, EditorView } from "codemirror";
import { closeCompletion } from "@codemirror/autocomplete";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
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

// Replaces `textarea` with an editor holding its text; `onRun` is called on Ctrl/Cmd+Enter.
function create(textarea, onRun) {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: (view) => (closeCompletion(view), onRun(), true) }])),
      basicSetup,
      keymap.of([indentWithTab]),
      python(),
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
