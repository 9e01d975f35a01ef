// Broken: builds markup from a plugin's text and loads a script from another site.
export const show = (node, text) => { node.innerHTML = text; };
import("https://cdn.example.org/lib.js");
