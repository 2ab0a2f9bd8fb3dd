/* helptree's search, on Material's own search box, results and worker.

   1. Loaded when the reader opens search, not on every page: Material asks for its index
      and starts its worker as soon as a page loads; both wait here until the reader
      focuses the search box or taps the search button.
   2. helptree's index (assets/helptree/search.json, see generator/plan/search.py) in place of
      Material's: plain text, with titles, keywords, search aliases, the words that lead to a
      page, and its text as fields ranked in that order.
   3. One worker per language, each with its own stemmer; a query goes to the language its
      words are in, so Spanish typed on an English page finds Spanish pages.
   4. The query as a reader means it: stop words left out (the lists the index was built
      without), a word under four letters matched whole, never as the start of another;
      longer words also as a start of a word, and with one typo (two from seven letters).
   5. No query lost: Material searches on key presses, so a paste or dictation (an input
      event with no key) is passed on as one, and what was typed before the index was
      ready is searched as soon as it is.
   It must run before Material's bundle.js, which sets search up as soon as it runs;
   without it, search works as Material ships it. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?=\?|#|$)/;
  var OWN_INDEX = "/assets/helptree/search.json";
  var WORKER = /\/workers\/search\.[\w.]*\.js(\?|#|$)/;
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's message types
  var COMMON = 0.8;
  var opened;
  var searchOpened = new Promise(function (resolve) { opened = resolve; });

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) { opened(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) { opened(); }
  });
  // A paste, dictation or autocorrect changes the box without a key press.
  document.addEventListener("input", function (event) {
    if (!event.isTrusted) { return; }
    var box = event.target;
    if (box && box.classList && box.classList.contains("md-search__input")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);

  function searchBox() { return document.querySelector(".md-search__input"); }

  // Material requests the index with XMLHttpRequest: send that request once search opens,
  // to helptree's index.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    this.htWaitForSearch = INDEX.test(String(url));
    if (this.htWaitForSearch) { args[1] = String(url).replace(INDEX, OWN_INDEX); }
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.htWaitForSearch) { return send.apply(request, args); }
    searchOpened.then(function () { send.apply(request, args); });
  };

  // -- words ----------------------------------------------------------------------------------

  function fold(word) {  // accents do not count: readers often leave them out
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function rawWords(text) {  // lower case, letters, digits and inner apostrophes
    return String(text).toLowerCase().replace(/&(?:[a-z]+|#x?[0-9a-f]+);/gi, " ").split(/[\s\-]+/)
      .map(function (word) {
        return word.replace(/[^\p{L}\p{N}'\u2019]+/gu, "").replace(/^['\u2019]+|['\u2019]+$/g, "");
      })
      .filter(Boolean);
  }
  function words(text) {  // as a query may hold them: letters and digits only, no lunr syntax
    return rawWords(text).map(function (word) { return word.replace(/['\u2019]/g, ""); })
      .filter(Boolean);
  }

  function Language(code, words_, docs) {
    this.code = code;
    this.stop = new Set(words_.map(function (w) { return fold(w.toLowerCase()); }));
    this.known = new Map();  // folded word -> the words of these pages written so
    this.pages = new Map();  // folded word -> how many pages have it
    this.size = docs.length;
    var known = this.known, pages = this.pages;
    docs.forEach(function (doc) {
      var seen = new Set();
      ["title", "keywords", "aliases", "lead", "text", "body"].forEach(function (field) {
        rawWords(doc[field] || "").forEach(function (word) {
          var folded = fold(word).replace(/['\u2019]/g, "");
          if (!known.has(folded)) { known.set(folded, new Set()); }
          known.get(folded).add(word);
          seen.add(folded);
        });
      });
      seen.forEach(function (word) { pages.set(word, (pages.get(word) || 0) + 1); });
    });
  }
  // A word on nearly every one of these pages (`jpay`) tells one page from another too little
  // to count when weighing how much of a title a query matched.
  Language.prototype.telling = function (word) {
    var folded = fold(word);
    return !this.stop.has(folded) && (this.pages.get(folded) || 0) <= COMMON * this.size;
  };
  Language.prototype.has = function (word) {
    var folded = fold(word);
    return this.stop.has(folded) || this.known.has(folded);
  };
  // The words of these pages a reader's word stands for: `contrasena` is `contraseña`,
  // `cant` is `can't` (search matches words whole, accents and apostrophes included).
  Language.prototype.forms = function (word) {
    var found = this.known.get(fold(word));
    return found ? Array.from(found).filter(function (form) { return form !== word; }).slice(0, 3) : [];
  };
  // The query as lunr reads it (Material then adds `*` to every plain term): each word
  // whole; a word these pages do not have, or the last one (still being typed), also as
  // the start of a longer word and with a typo, if it has four letters or more.
  // The words of a query that are searched for: the telling ones, if it has any.
  Language.prototype.terms = function (text) {
    var self = this;
    var all = words(text);
    var meant = all.filter(function (w) { return !self.stop.has(fold(w)); });
    var telling = meant.filter(function (w) { return self.telling(w); });
    return telling.length ? telling : meant.length ? meant : all;
  };
  Language.prototype.query = function (text) {
    var self = this;
    var all = words(text);
    var last = all[all.length - 1];
    return this.terms(text).map(function (word) {
      var clauses = [word + "^3"].concat(self.forms(word).map(function (form) { return form + "^3"; }));
      if (word.length >= 4 && (!self.known.has(fold(word)) || word === last)) {
        clauses.push(word);
        if (word.length >= 5) { clauses.push(word + (word.length >= 7 ? "~2" : "~1")); }
      }
      return clauses.join(" ");
    }).join(" ");
  };
  // How much of a result's title the query matched (Material marks the words it matched),
  // times how much of the query the title holds (`asked`: how many words were searched for):
  // a near-exact title ranks above pages that match only through keywords or text, and above
  // a title that has one of the query's words and nothing else of it.
  Language.prototype.share = function (field, asked) {
    var self = this;
    var all = words(String(field || "").replace(/<\/?mark>/g, " ")).filter(function (w) {
      return self.telling(w);
    });
    if (!all.length) { return 0; }
    var marked = [];
    String(field).replace(/<mark>([^<]*)<\/mark>/g, function (_, inner) {
      marked = marked.concat(words(inner));
      return "";
    });
    var hit = all.filter(function (w) { return marked.indexOf(w) >= 0; });
    // Distinct title words marked, not query words matched: a typo (`pasword`) marks the
    // word it stands for.
    var held = Math.min(1, new Set(hit).size / Math.max(1, asked));
    return hit.length / all.length * held;
  };
  // The best-matched keyword (a phrase between the dots), counting a little less than the title.
  Language.prototype.keywordShare = function (keywords, asked) {
    var self = this;
    return String(keywords || "").split(" · ").reduce(function (best, phrase) {
      return Math.max(best, self.share(phrase, asked));
    }, 0);
  };

  // -- the engine: one Material worker per language ---------------------------------------

  function Engine(url, options, emit) {
    this.url = url;
    this.options = options;
    this.emit = emit;
    this.workers = {};
    this.queues = {};
    this.languages = [];
    this.latest = 0;
    this.waiting = 0;
  }
  Engine.prototype.post = function (message, transfer) {
    if (message && message.type === SETUP) { return this.start(message, transfer); }
    if (message && message.type === QUERY) { return this.query(String(message.data)); }
    return undefined;
  };
  Engine.prototype.worker = function (key) {
    var self = this;
    var worker = this.workers[key] = new RealWorker(this.url, this.options);
    this.queues[key] = [];
    worker.addEventListener("message", function (event) { self.answer(key, event.data); });
    return worker;
  };
  Engine.prototype.start = function (message, transfer) {
    var self = this;
    var data = message.data || {};
    var config = data.config || {};
    var own = config.helptree;
    if (!own) {  // not helptree's index: one worker, as Material has it
      this.waiting = 1;
      this.languages = [];
      this.worker("").postMessage(message, transfer);
      return;
    }
    var docs = data.docs || [];
    own.languages.forEach(function (code) {
      var mine = docs.filter(function (doc) { return doc.lang === code; });
      self.languages.push(new Language(code, own.stop_words[code] || [], mine));
      self.waiting += 1;
      self.worker(code).postMessage({ type: SETUP, data: {
        config: Object.assign({}, config, { lang: [code], pipeline: (own.pipeline || {})[code] || config.pipeline }),
        docs: mine, options: data.options } });
    });
  };
  // The language a query is in: the one that knows most of its words; the page's own on a tie.
  Engine.prototype.languageOf = function (text) {
    var page = document.documentElement.lang;
    var best = null, bestScore = -1;
    var list = this.languages.slice().sort(function (a, b) {
      return (b.code === page) - (a.code === page);
    });
    var found = words(text);
    list.forEach(function (language) {
      var score = found.filter(function (word) { return language.has(word); }).length;
      if (score > bestScore) { best = language; bestScore = score; }
    });
    return best;
  };
  Engine.prototype.query = function (text) {
    var id = ++this.latest;
    if (!this.languages.length) {
      this.queues[""].push({ id: id, language: null });
      this.workers[""].postMessage({ type: QUERY, data: text });
      return;
    }
    var language = this.languageOf(text);
    this.queues[language.code].push({ id: id, language: language, asked: language.terms(text).length });
    this.workers[language.code].postMessage({ type: QUERY, data: language.query(text) });
  };
  Engine.prototype.answer = function (key, data) {
    if (!data) { return; }
    if (data.type === READY) {
      this.waiting -= 1;
      if (this.waiting === 0) {
        this.emit(data);
        // What was typed or pasted before the index was ready: searched now.
        setTimeout(function () {
          var box = searchBox();
          if (box && box.value) { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
        }, 0);
      }
      return;
    }
    if (data.type === RESULT) {
      var asked = this.queues[key].shift();
      if (!asked || asked.id !== this.latest) { return; }  // a query typed over since
      var language = asked.language;
      if (language && data.data && data.data.items) {
        data.data.items.forEach(function (group) {
          var title = 1 + language.share(group[0].title, asked.asked);
          var keyword = 1 + 0.6 * language.keywordShare(group[0].keywords, asked.asked);
          group.forEach(function (item) { item.score *= title * title * keyword * keyword; });
        });
        data.data.items.sort(function (a, b) { return b[0].score - a[0].score; });
      }
      if (data.data && data.data.items) {
        // A word matched through a typo is not "missing": show no missing words.
        data.data.items.forEach(function (group) {
          group.forEach(function (item) {
            var terms = {};
            Object.keys(item.terms || {}).forEach(function (term) {
              if (item.terms[term]) { terms[term] = true; }
            });
            item.terms = terms;
          });
        });
      }
    }
    this.emit(data);
  };
  Engine.prototype.terminate = function () {
    var workers = this.workers;
    Object.keys(workers).forEach(function (key) { workers[key].terminate(); });
  };

  var RealWorker = window.Worker;
  if (!RealWorker || typeof EventTarget !== "function") { return; }
  function LazyWorker(url, options) {
    if (!WORKER.test(String(url))) { return new RealWorker(url, options); }
    var target = new EventTarget();
    var engine = null;
    target.postMessage = function (message, transfer) {
      if (!engine) {
        engine = new Engine(url, options, function (data) {
          target.dispatchEvent(new MessageEvent("message", { data: data }));
        });
      }
      engine.post(message, transfer);
    };
    target.terminate = function () { if (engine) { engine.terminate(); } };
    return target;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();
