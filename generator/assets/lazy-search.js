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
      real.postMessage(message, transfer);
    };
    target.terminate = function () { if (real) { real.terminate(); } };
    return target;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();
