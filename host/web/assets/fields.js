// One input for each field kind of the SDK. Each renderer returns {element, value(), focus(),
// forget()}: value() is what the answer route takes for that kind (string, array of strings or
// boolean; null for a choice left unmade, which the runner treats as not given); forget()
// empties a secret once it has been sent. A path field also has setOptions(options) for the
// suggestions of a live page, and a file picker when the task can list paths.
import { el, uniqueId } from "./dom.js";
import { PathPicker } from "./picker.js";

const radioLimit = 5;  // more options than this become a drop-down list

function labelText(field) {
  return field.required === false ? `${field.label} (optional)` : field.label;
}

/** The help line and the page's problem for this field; ids for aria-describedby. */
function notes(field, problem) {
  const parts = [];
  const ids = [];
  if (problem) {
    const id = uniqueId("problem");
    ids.push(id);
    parts.push(el("p", { id, className: "field-problem" }, problem));
  }
  if (field.help) {
    const id = uniqueId("help");
    ids.push(id);
    parts.push(el("p", { id, className: "field-help" }, field.help));
  }
  return { parts, describedBy: ids.join(" ") || null };
}

function wrap(field, control, labelFor, problem, extra = null) {
  const { parts, describedBy } = notes(field, problem);
  if (describedBy) control.setAttribute("aria-describedby", describedBy);
  if (problem) control.setAttribute("aria-invalid", "true");
  return el("div", { className: `field field-${field.kind}${problem ? " has-problem" : ""}`, attrs: { "data-field": field.id } },
    el("label", { htmlFor: labelFor }, labelText(field)), control, extra, parts);
}

function textInput(field, problem, type, listPaths) {
  const id = uniqueId("field");
  const input = el("input", {
    id, type, name: field.id, value: type === "password" ? "" : field.value || "",
    required: field.required !== false,
    attrs: { autocomplete: type === "password" ? "new-password" : "off", spellcheck: "false" },
  });
  const rendered = {
    element: null,
    value: () => input.value,
    focus: () => input.focus(),
    forget: () => { if (type === "password") input.value = ""; },
  };
  if (field.kind !== "path") {
    rendered.element = wrap(field, input, id, problem);
    return rendered;
  }
  let options = field.options || [];
  const listId = uniqueId("suggestions");
  input.setAttribute("list", listId);
  const suggestions = el("datalist", { id: listId });
  rendered.setOptions = (offered) => {
    options = offered || [];
    suggestions.replaceChildren(...options.map((option) => el("option", { value: option })));
  };
  rendered.setOptions(options);
  const picker = listPaths ? new PathPicker(field, input, listPaths, () => options.length > 0) : null;
  rendered.element = wrap(field, input, id, problem, [suggestions, picker ? [picker.button, picker.element] : null]);
  return rendered;
}

function choice(field, problem) {
  const options = field.options || [];
  if (options.length > radioLimit) {
    const id = uniqueId("field");
    const select = el("select", { id, name: field.id },
      field.value ? null : el("option", { value: "" }, "Choose…"),
      options.map((option) => el("option", { value: option, selected: option === field.value }, option)));
    return {
      element: wrap(field, select, id, problem), value: () => select.value || null, focus: () => select.focus(), forget() {},
    };
  }
  const name = uniqueId("choice");
  const radios = options.map((option) => el("input", { type: "radio", name, value: option, checked: option === field.value }));
  const group = groupOf(field, problem, radios.map((radio, i) => el("label", { className: "option" }, radio, options[i])));
  return {
    element: group,
    value: () => (radios.find((r) => r.checked) || { value: null }).value,
    focus: () => (radios.find((r) => r.checked) || radios[0] || group).focus(),
    forget() {},
  };
}

/** A fieldset whose legend is the field's label: radio buttons and check boxes. */
function groupOf(field, problem, content) {
  const { parts, describedBy } = notes(field, problem);
  return el("fieldset", {
    className: `field field-${field.kind}${problem ? " has-problem" : ""}`,
    attrs: { "data-field": field.id, "aria-describedby": describedBy, "aria-invalid": problem ? "true" : null },
  }, el("legend", {}, labelText(field)), content, parts);
}

function multiSelect(field, problem) {
  const chosen = new Set(field.values || []);
  const boxes = (field.options || []).map((option) => {
    const box = el("input", { type: "checkbox", value: option, checked: chosen.has(option),
      on: { change: () => update() } });
    return { option, box, row: el("label", { className: "option" }, box, option) };
  });
  const count = el("span", { className: "multi-count", attrs: { "aria-live": "polite" } });
  const shown = () => boxes.filter((b) => !b.row.hidden);
  const update = () => {
    count.textContent = `${boxes.filter((b) => b.box.checked).length} of ${boxes.length} selected` +
      (shown().length < boxes.length ? `, ${shown().length} shown` : "");
  };
  const narrow = () => {
    const text = search.value.toLocaleLowerCase();
    for (const b of boxes) b.row.hidden = !b.option.toLocaleLowerCase().includes(text);
    update();
  };
  const search = el("input", {
    type: "search", className: "multi-search",
    attrs: { "aria-label": `Search ${field.label}`, placeholder: "Search" },
    on: {
      input: narrow,
      change: narrow,
      keydown: (event) => {
        // Enter would send the page and Escape cancel the wizard: here they only search and clear.
        if (event.key === "Enter" || (event.key === "Escape" && search.value)) {
          event.preventDefault();
          if (event.key === "Escape") search.value = "";
          narrow();
        }
      },
    },
  });
  const setShown = (on) => () => {
    for (const b of shown()) b.box.checked = on;
    update();
  };
  update();
  const group = groupOf(field, problem, [
    el("div", { className: "multi-tools" }, search,
      el("button", { type: "button", className: "multi-all", on: { click: setShown(true) } }, "Select shown"),
      el("button", { type: "button", className: "multi-none", on: { click: setShown(false) } }, "Clear shown"),
      count),
    el("div", { className: "multi-options" }, boxes.map((b) => b.row)),
  ]);
  return {
    element: group,
    value: () => boxes.filter((b) => b.box.checked).map((b) => b.option),
    focus: () => search.focus(),
    forget() {},
  };
}

function confirmation(field, problem) {
  const id = uniqueId("field");
  const box = el("input", { id, type: "checkbox", name: field.id, checked: field.value === "yes" || field.value === true });
  const { parts, describedBy } = notes(field, problem);
  if (describedBy) box.setAttribute("aria-describedby", describedBy);
  if (problem) box.setAttribute("aria-invalid", "true");
  return {
    element: el("div", { className: `field field-confirmation${problem ? " has-problem" : ""}`, attrs: { "data-field": field.id } },
      el("label", { className: "option", htmlFor: id }, box, labelText(field)), parts),
    value: () => box.checked,
    focus: () => box.focus(),
    forget() {},
  };
}

/**
 * The input for `field`; `problem` is the page's problem message when it names this field;
 * `listPaths(fieldId, dir)`, when given, lists the server's paths for a path field's picker.
 */
export function renderField(field, problem, listPaths = null) {
  switch (field.kind) {
    case "secret": return textInput(field, problem, "password");
    case "path": return textInput(field, problem, "text", listPaths && ((dir) => listPaths(field.id, dir)));
    case "choice": return choice(field, problem);
    case "multi-select": return multiSelect(field, problem);
    case "confirmation": return confirmation(field, problem);
    default: return textInput(field, problem, "text");
  }
}
