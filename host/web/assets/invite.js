// "Invite a browser": a logged-in browser asks for a one-time address (POST /api/invite) that
// opens a session of its own in another browser, so a second operator or window needs no
// restart of `arbor web`. The address is shown once, in a dialog, to be copied.
import * as api from "./api.js";
import { el, errorBox, replaceChildren } from "./dom.js";

export class InviteDialog {
  constructor(dialog) {
    this.dialog = dialog;
  }

  async open() {
    let body;
    try {
      const answer = await api.invite();
      const address = el("input", { id: "invite-address", type: "text", readOnly: true, value: location.origin + answer.path,
        attrs: { "aria-describedby": "invite-help", autocomplete: "off", spellcheck: "false" } });
      // Less than the usual ten minutes when this session's own lifetime ends sooner.
      const seconds = answer.valid_seconds;
      const within = seconds < 90 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
      body = [
        el("label", { htmlFor: "invite-address" }, "Address for another browser"), address,
        el("p", { id: "invite-help" }, `Open it once, within ${within}, in the other browser: it opens a ` +
          "session of its own there. Anyone holding it can do so, so pass it as you would a password."),
      ];
      this.show(body);
      address.select();
      address.focus();
    } catch (error) {
      this.show([errorBox(error)]);
    }
  }

  show(body) {
    const close = el("button", { type: "button", className: "primary", on: { click: () => this.close() } }, "Close");
    replaceChildren(this.dialog, el("h2", { id: "invite-title" }, "Invite another browser"), body,
      el("div", { className: "buttons" }, close));
    this.dialog.setAttribute("aria-labelledby", "invite-title");
    if (!this.dialog.open) this.dialog.showModal();
  }

  close() {
    replaceChildren(this.dialog);  // the address leaves the page with the dialog
    if (this.dialog.open) this.dialog.close();
  }
}
