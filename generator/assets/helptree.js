/* helptree: optional enhancements. The pages work without this file.
   The answers a reader chose stay in this tab's sessionStorage and nowhere else. */
(function () {
  "use strict";
  var KEY = "helptree.trail";
  var page = document.querySelector(".ht-page[data-ht-kind]");

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "[]") || []; } catch (e) { return []; }
  }
  function save(trail) {
    try { sessionStorage.setItem(KEY, JSON.stringify(trail)); } catch (e) { /* private mode */ }
  }
  function here() { return location.pathname; }

  function remember(link) {
    var trail = load();
    trail.push({
      node: page.getAttribute("data-ht-node"),
      question: page.getAttribute("data-ht-title"),
      answer: link.getAttribute("data-ht-label"),
      url: here(),
      next: link.getAttribute("data-ht-next")
    });
    save(trail);
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function showTrail(trail) {
    var box = page.querySelector("[data-ht-yours]");
    var list = box && box.querySelector("[data-ht-trail]");
    if (!list || !trail.length) { return; }
    var changeText = box.getAttribute("data-ht-change") || "Change";
    var changeAnswer = box.getAttribute("data-ht-change-answer") || "";
    trail.forEach(function (step, i) {
      var item = el("li");
      item.appendChild(el("span", step.question, "ht-route__question"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", step.answer, "ht-route__answer"));
      item.appendChild(document.createTextNode(" "));
      var link = el("a", changeText, "ht-route__change");
      link.href = step.url;
      link.setAttribute("data-ht-step", String(i));
      link.appendChild(el("span", " " + (changeAnswer ? changeAnswer + ": " : "") + step.question, "ht-sr"));
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = false;
    var usual = page.querySelector("[data-ht-usual]");
    if (usual) { usual.hidden = true; }
    var back = page.querySelector("[data-ht-back]");
    if (back) {
      back.href = trail[trail.length - 1].url;
      back.textContent = back.getAttribute("data-ht-back-label") || back.textContent;
      // Back no longer leads to the start: Start again (hidden while it did) does.
      var restart = back.parentNode.querySelector(".ht-restart[hidden]");
      if (restart) { restart.hidden = false; }
    }
  }

  function enhanceTroubleshooter() {
    var node = page.getAttribute("data-ht-node");
    var trail = load();
    // Arriving here by another route (a pasted link, Change, Back) cuts the trail here.
    var cut = -1;
    trail.forEach(function (step, i) { if (cut < 0 && step.node === node) { cut = i; } });
    if (cut >= 0) { trail = trail.slice(0, cut); }
    else if (trail.length && trail[trail.length - 1].next !== node) { trail = []; }
    save(trail);
    if (node) { showTrail(trail); }
    page.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a") : null;
      if (!link) { return; }
      if (link.hasAttribute("data-ht-next")) { remember(link); }
      else if (link.hasAttribute("data-ht-restart")) { save([]); }
      else if (link.hasAttribute("data-ht-step")) {
        save(load().slice(0, Number(link.getAttribute("data-ht-step"))));
      }
    });
  }

  function enhanceCopy() {
    var button = document.querySelector("[data-ht-copy]");
    var shown = document.querySelector("[data-ht-permalink]");
    var status = document.querySelector("[data-ht-copy-status]");
    if (!button || !shown) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      // The address the page shows (the published site_url one); a site built without
      // site_url shows a path, so the tab's own address is copied.
      var text = shown.textContent.trim();
      copyText(/^https?:\/\//.test(text) ? text : location.href, shown, button, status);
    });
  }

  // Copy a text; without the clipboard API, select it so the reader can copy it.
  function copyText(text, node, button, status) {
    function say(message) { if (status) { status.textContent = message; } }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(node);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      say(button.getAttribute("data-ht-failed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        say(button.getAttribute("data-ht-copied"));
      }, fallback);
    } else { fallback(); }
  }

  function enhanceStaffDesk() {
    document.querySelectorAll("[data-ht-copy-reply]").forEach(function (button) {
      var item = button.closest("[data-ht-reply-item]");
      var reply = item.querySelector("[data-ht-reply]");
      var status = button.parentNode.querySelector("[data-ht-copy-status]");
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(reply.textContent, reply, button, status);
      });
    });
    var filter = document.querySelector("[data-ht-filter]");
    if (!filter) { return; }
    var input = filter.querySelector("[data-ht-filter-input]");
    var status = filter.querySelector("[data-ht-filter-status]");
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-ht-reply-item]"));
    filter.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        // The title, the summary and the keywords: not the reply, whose words all share.
        var text = Array.prototype.map.call(item.querySelectorAll("[data-ht-find]"), function (part) {
          return part.textContent;
        }).join(" ").toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown ? "" : status.getAttribute("data-ht-none");
    });
  }

  function enhancePrint() {
    document.querySelectorAll("[data-ht-print]").forEach(function (box) {
      box.hidden = false;
      box.querySelector("[data-ht-print-button]").addEventListener("click", function () {
        window.print();
      });
    });
  }

  function enhanceNotFound() {
    // The 404 page's "Search the help": opens Material's search, as its header button does.
    var item = document.querySelector("[data-ht-search]");
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (!item || !toggle || !input) { return; }
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.focus();
    });
  }

  function nameSearchDialog() {
    // Material's search panel is a dialog without a name (axe aria-dialog-name):
    // give it the search field's own label.
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])");
    var input = dialog && dialog.querySelector(".md-search__input[aria-label]");
    if (input) { dialog.setAttribute("aria-label", input.getAttribute("aria-label")); }
  }

  function enhanceHomeSearch() {
    // The home page's box opens the site's own search with what was typed in it. Without
    // JavaScript it is a form that leads to the A-Z.
    var form = document.querySelector("[data-ht-home-search]");
    var field = form && form.querySelector("input");
    var button = document.querySelector('label.md-header__button[for="__search"]') ||
      document.querySelector('label[for="__search"]');
    var toggle = document.getElementById("__search");
    if (!field || !button || !toggle || !document.querySelector(".md-search__input")) { return; }
    function openSearch(event) {
      if (event) { event.preventDefault(); }
      var box = document.querySelector(".md-search__input");
      var text = field.value;
      field.value = "";
      if (!toggle.checked) { button.click(); }
      box.focus();
      if (text) {
        box.value = text;
        box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      }
    }
    form.addEventListener("submit", openSearch);
    field.addEventListener("focus", function () { openSearch(); });
  }

  if (page) { enhanceTroubleshooter(); }
  enhanceHomeSearch();
  enhanceCopy();
  enhanceStaffDesk();
  enhancePrint();
  enhanceNotFound();
  nameSearchDialog();
})();
