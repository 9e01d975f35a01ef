// The console tree as an ARIA tree: one tab stop, arrows move (Up/Down), open and close
// (Right/Left), Home/End jump, Enter or a click selects.
import { el, replaceChildren } from "./dom.js";

export class ConsoleTree {
  /** `onSelect(path)` is called when the operator picks a node. */
  constructor(container, onSelect) {
    this.container = container;
    this.onSelect = onSelect;
    this.expanded = new Set([""]);
    this.selected = null;
    this.root = null;
    container.addEventListener("keydown", (event) => this.key(event));
  }

  render(root) {
    this.root = root;
    replaceChildren(this.container,
      el("ul", { className: "tree", attrs: { role: "tree", "aria-label": "Console tree" } }, this.item(root, 1)));
    this.applyMarks();
  }

  item(node, level) {
    const children = node.children || [];
    const open = this.expanded.has(node.path);
    const label = el("span", {
      className: "tree-label",
      attrs: {
        role: "treeitem", tabindex: "-1", "data-path": node.path, "aria-level": level,
        "aria-expanded": children.length ? String(open) : null, "aria-selected": "false",
      },
      on: { click: () => this.choose(node.path), dblclick: () => this.toggle(node.path) },
    },
    el("span", { className: "tree-twisty", attrs: { "aria-hidden": "true" } }, children.length ? (open ? "▾" : "▸") : ""),
    node.name);
    const li = el("li", { attrs: { role: "none" } }, label);
    if (children.length && open) {
      li.append(el("ul", { attrs: { role: "group" } }, children.map((child) => this.item(child, level + 1))));
    }
    return li;
  }

  /** Shows `path` as the selected node, opening its ancestors. */
  markSelected(path, focus = true) {
    for (let at = path.lastIndexOf("/"); at > 0; at = path.lastIndexOf("/", at - 1)) this.expanded.add(path.slice(0, at));
    const changed = path !== this.selected;
    this.selected = path;
    if (changed && this.root) this.render(this.root);
    else this.applyMarks();
    if (focus) this.focusPath(path);
  }

  /** aria-selected on the selected item; it (or the first item) is the tree's one tab stop. */
  applyMarks() {
    const items = this.items();
    let stop = null;
    for (const item of items) {
      const match = item.dataset.path === this.selected;
      item.setAttribute("aria-selected", String(match));
      item.tabIndex = -1;
      if (match) stop = item;
    }
    if (stop || items.length) (stop || items[0]).tabIndex = 0;
  }

  choose(path) {
    this.markSelected(path);
    this.onSelect(path);
  }

  toggle(path) {
    if (this.expanded.has(path)) this.expanded.delete(path);
    else this.expanded.add(path);
    this.render(this.root);
    this.focusPath(path);
  }

  items() {
    return Array.from(this.container.querySelectorAll("[role=treeitem]"));
  }

  focusPath(path) {
    const item = this.items().find((i) => i.dataset.path === path);
    if (item) {
      for (const other of this.items()) other.tabIndex = -1;
      item.tabIndex = 0;
      item.focus();
    }
  }

  key(event) {
    const items = this.items();
    const current = items.indexOf(document.activeElement);
    if (current < 0) return;
    const item = items[current];
    const path = item.dataset.path;
    const expandable = item.hasAttribute("aria-expanded");
    const open = item.getAttribute("aria-expanded") === "true";
    const move = (index) => this.focusPath(items[Math.max(0, Math.min(items.length - 1, index))].dataset.path);
    switch (event.key) {
      case "ArrowDown": move(current + 1); break;
      case "ArrowUp": move(current - 1); break;
      case "Home": move(0); break;
      case "End": move(items.length - 1); break;
      case "ArrowRight":
        if (expandable && !open) this.toggle(path);
        else if (expandable) move(current + 1);
        break;
      case "ArrowLeft":
        if (expandable && open) this.toggle(path);
        else if (path.includes("/")) this.focusPath(path.slice(0, path.lastIndexOf("/")));
        else if (path !== "") this.focusPath("");
        break;
      case "Enter":
      case " ":
        this.choose(path);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
