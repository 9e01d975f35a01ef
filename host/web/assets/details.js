// The details pane: each table of a node paged through the server's row windows, sortable by a
// column, filtered by text, and, when the plugin names its rows (row_keys), rows selectable for
// the tasks that take them. Only one table holds a selection at a time.
import * as api from "./api.js";
import { debounce, el, errorBox, replaceChildren, uniqueId } from "./dom.js";

const pageSizes = [10, 25, 50, 100];
const firstPageSize = 25;

class DetailsTable {
  constructor(pane, path, index, table) {
    this.pane = pane;
    this.path = path;
    this.index = index;
    this.window = { offset: 0, limit: firstPageSize, sort: "", order: "asc", filter: "" };
    this.selected = new Set();
    this.sequence = 0;
    this.build(table);
  }

  get title() {
    return this.data.title;
  }

  build(table) {
    const headingId = uniqueId("table-title");
    this.heading = el("h3", { id: headingId }, table.title);
    this.filter = el("input", {
      type: "search", className: "table-filter",
      attrs: { "aria-label": `Filter ${table.title}`, placeholder: "Filter", "data-table": this.index },
      on: { input: debounce(() => this.setWindow({ filter: this.filter.value, offset: 0 }), 300) },
    });
    this.count = el("span", { className: "table-count", attrs: { "aria-live": "polite" } });
    this.previous = el("button", { type: "button", className: "table-previous", on: { click: () => this.page(-1) } }, "Previous");
    this.next = el("button", { type: "button", className: "table-next", on: { click: () => this.page(1) } }, "Next");
    const size = el("select", {
      attrs: { "aria-label": "Rows per page" },
      on: { change: () => this.setWindow({ limit: Number(size.value), offset: 0 }) },
    }, pageSizes.map((n) => el("option", { value: String(n), selected: n === firstPageSize }, `${n} rows`)));
    this.problem = el("div", { className: "table-problem" });
    this.table = el("table", { attrs: { "aria-labelledby": headingId } });
    this.element = el("section", { className: "details-table", attrs: { "data-table": this.index, "data-title": table.title } },
      this.heading,
      el("div", { className: "table-tools" }, this.filter, this.count,
        el("span", { className: "pager" }, this.previous, this.next, size)),
      this.problem,
      el("div", { className: "table-scroll" }, this.table));
    this.show(table);
  }

  setWindow(change) {
    Object.assign(this.window, change);
    this.load();
  }

  page(direction) {
    const offset = this.window.offset + direction * this.window.limit;
    if (offset < 0 || offset >= this.data.total_rows) return;
    this.setWindow({ offset });
  }

  sortBy(columnId) {
    const order = this.window.sort === columnId && this.window.order === "asc" ? "desc" : "asc";
    this.setWindow({ sort: columnId, order, offset: 0 });
  }

  async load() {
    const sequence = ++this.sequence;
    try {
      const answer = await api.details(this.path, { table: this.index, ...this.window });
      if (sequence !== this.sequence) return;  // an older window answered after a newer one
      const tables = answer.tables || [];
      const table = tables.length === 1 ? tables[0] : tables[this.index];
      if (!table) throw new Error(`The server sent no table ${this.index + 1}.`);
      replaceChildren(this.problem);
      this.show(table);
    } catch (error) {
      if (sequence === this.sequence) replaceChildren(this.problem, errorBox(error));
    }
  }

  show(table) {
    this.data = table;
    const rows = table.rows || [];
    const keys = table.row_keys || null;
    const from = rows.length ? this.window.offset + 1 : 0;
    this.count.textContent = `rows ${from}-${this.window.offset + rows.length} of ${table.total_rows}` +
      (this.window.filter ? " matching" : "") + (this.selected.size ? `, ${this.selected.size} selected` : "");
    this.previous.disabled = this.window.offset === 0;
    this.next.disabled = this.window.offset + rows.length >= table.total_rows;

    const header = el("tr", {}, keys ? el("th", { className: "select-column", scope: "col" },
      el("span", { className: "visually-hidden" }, "Selected")) : null);
    for (const column of table.columns) {
      const sorted = this.window.sort === column.id;
      header.append(el("th", {
        scope: "col", attrs: { "aria-sort": sorted ? (this.window.order === "asc" ? "ascending" : "descending") : null },
      }, el("button", {
        type: "button", className: "sort-button", attrs: { "data-column": column.id },
        on: { click: () => this.sortBy(column.id) },
      }, column.label, el("span", { className: "sort-mark", attrs: { "aria-hidden": "true" } },
        sorted ? (this.window.order === "asc" ? " ▲" : " ▼") : ""))));
    }
    const body = el("tbody");
    rows.forEach((cells, i) => body.append(this.row(cells, keys ? keys[i] : null)));
    if (!rows.length) {
      body.append(el("tr", {}, el("td", { className: "empty", colSpan: table.columns.length + (keys ? 1 : 0) },
        this.window.filter ? "No rows match the filter." : "No rows.")));
    }
    replaceChildren(this.table, el("thead", {}, header), body);
  }

  row(cells, key) {
    const tr = el("tr", { attrs: { "data-key": key } }, cells.map((cell) => el("td", {}, cell)));
    if (key === null || key === undefined) return tr;
    const selected = this.selected.has(key);
    const box = el("input", {
      type: "checkbox", checked: selected, className: "row-select",
      attrs: { "aria-label": `Select ${key}` },
      on: { change: () => this.toggle(key, box.checked) },
    });
    tr.prepend(el("td", { className: "select-column" }, box));
    tr.setAttribute("aria-selected", String(selected));
    tr.addEventListener("click", (event) => {
      if (event.target !== box) {
        box.checked = !box.checked;
        this.toggle(key, box.checked);
      }
    });
    return tr;
  }

  toggle(key, on) {
    if (on) this.selected.add(key);
    else this.selected.delete(key);
    this.pane.selectionChanged(this);
    this.show(this.data);
  }

  clearSelection() {
    if (!this.selected.size) return;
    this.selected.clear();
    this.show(this.data);
  }
}

export class DetailsPane {
  /** `onSelection({table, rows})` is called when the selected rows change. */
  constructor(container, onSelection) {
    this.container = container;
    this.onSelection = onSelection;
    this.tables = [];
    this.path = null;
  }

  async load(path) {
    this.path = path;
    this.tables = [];
    this.onSelection({ table: "", rows: [] });
    replaceChildren(this.container, el("p", { className: "loading" }, "Loading details…"));
    try {
      const answer = await api.details(path, { limit: firstPageSize });
      if (this.path !== path) return;
      this.tables = (answer.tables || []).map((table, i) => new DetailsTable(this, path, i, table));
      replaceChildren(this.container,
        (answer.warnings || []).length ? el("ul", { className: "warnings", attrs: { role: "status" } },
          answer.warnings.map((w) => el("li", {}, w))) : null,
        this.tables.map((t) => t.element),
        this.tables.length ? null : el("p", { className: "empty" }, "This node has no details."));
    } catch (error) {
      if (this.path === path) replaceChildren(this.container, errorBox(error));
    }
  }

  selectionChanged(changed) {
    for (const table of this.tables) if (table !== changed) table.clearSelection();
    this.onSelection({ table: changed.title, rows: Array.from(changed.selected) });
  }
}
