/* helptree: Material starts its search worker and downloads the search index on every
   page load: about 24 kB gzipped, half of a first visit, that most readers never use.
   This script holds both back until the reader opens search (focus in the search box,
   or the search button on phones). It must run before Material's bundle.js, which sets
   search up as soon as it runs; without it, search works as before. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|#|$)/;
  var WORKER = /\/workers\/search\.[\w.]*\.js(\?|#|$)/;
  var opened;
  var searchOpened = new Promise(function (resolve) { opened = resolve; });

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) { opened(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) { opened(); }
  });

  // Material requests the index with XMLHttpRequest: send that request once search opens.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.htWaitForSearch = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.htWaitForSearch) { return send.apply(request, args); }
    searchOpened.then(function () { send.apply(request, args); });
  };

  // The search worker: start it with the first message, which Material sends only once
  // it has the index.
  // In a help center with several languages, search finds pages of the reader's own
  // language, with that language's stemmer: the index holds every language's pages.
  function ownLanguage(message) {
    var meta = document.querySelector('meta[name="helptree-languages"]');
    if (!meta || !message || message.type !== 0 || !message.data || !message.data.docs) {
      return message;
    }
    var languages = meta.content.split(" ");
    var current = document.documentElement.lang;
    var others = languages.slice(1).map(function (code) { return code + "/"; });
    var mine = function (doc) {
      var where = String(doc.location);
      if (current !== languages[0]) { return where.indexOf(current + "/") === 0; }
      return !others.some(function (prefix) { return where.indexOf(prefix) === 0; });
    };
    var data = Object.assign({}, message.data, { docs: message.data.docs.filter(mine) });
    if (data.config && languages.indexOf(current) >= 0) {
      data.config = Object.assign({}, data.config, { lang: [current] });
    }
    return { type: message.type, data: data };
  }

  // Typos: a word of five letters or more also finds the words two edits away (lunr's
  // edit distance, `word~2`): one wrong, missing or extra letter, or two letters swapped.
  function forgiving(message) {
    if (!message || message.type !== 2 || typeof message.data !== "string") { return message; }
    var terms = message.data.split(/\s+/).filter(Boolean).map(function (term) {
      return /^[\p{L}]{5,}$/u.test(term) ? term + " " + term + "~2" : term;
    });
    return { type: message.type, data: terms.join(" ") };
  }

  var RealWorker = window.Worker;
  if (!RealWorker || typeof EventTarget !== "function") { return; }
  function LazyWorker(url, options) {
    if (!WORKER.test(String(url))) { return new RealWorker(url, options); }
    var target = new EventTarget();
    var real = null;
    target.postMessage = function (message, transfer) {
      if (!real) {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          target.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
      }
      real.postMessage(forgiving(ownLanguage(message)), transfer);
    };
    target.terminate = function () { if (real) { real.terminate(); } };
    return target;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();
