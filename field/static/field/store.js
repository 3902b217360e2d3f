/* The I-SAF field app's storage: what stays on the phone and what goes to the
 * portal. Meetings live in IndexedDB, keyed by the id the phone gives them; the
 * reference data comes from the network when there is one (the service worker
 * keeps a copy) or from the copy kept here; a meeting becomes the record that
 * the sync endpoint reads. field.js draws the page with these functions.
 */
window.ISAFField = (function () {
  "use strict";
  if (!document.getElementById("field-urls")) return null;
  var URLS = JSON.parse(document.getElementById("field-urls").textContent);
  var LANG = document.documentElement.lang || "km";
  var COUNTS = ["attendance_female", "attendance_male", "attendance_youth",
    "attendance_disability", "attendance_minority", "attendance_id_poor"];
  var reference = null;

  // Words and numbers --------------------------------------------------------
  function digits(value) {
    var text = String(value);
    return LANG === "km" ? text.replace(/[0-9]/g, function (d) { return "០១២៣៤៥៦៧៨៩"[d]; }) : text;
  }
  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }
  function today() {
    var d = new Date();
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  // IndexedDB: one store of meetings, keyed by the id the phone gave them -----
  var opening = null;
  function db() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = indexedDB.open("isaf-field", 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("meetings", { keyPath: "id" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opening;
  }
  function store(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction("meetings", mode);
        var request = work(tx.objectStore("meetings"));
        tx.oncomplete = function () { resolve(request && request.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function save(meeting) {
    meeting.updated = new Date().toISOString();
    return store("readwrite", function (s) { return s.put(meeting); });
  }
  function remove(id) { return store("readwrite", function (s) { return s.delete(id); }); }
  function meetings() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.created < b.created ? 1 : -1; });
    });
  }

  // Reference data: from the network when there is one (the service worker
  // keeps a copy), else the copy kept in this page's storage. ----------------
  var KEPT = "isaf-field-reference-" + LANG;
  function loadReference() {
    return fetch(URLS.reference, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        try { localStorage.setItem(KEPT, JSON.stringify(data)); } catch (e) { /* full */ }
        return data;
      })
      .catch(function () {
        var kept = localStorage.getItem(KEPT);
        return kept ? JSON.parse(kept) : null;
      })
      .then(function (data) { reference = data; return data; });
  }
  function provider(meeting) {
    if (!reference || !meeting) return null;
    var id = String(meeting.provider);
    return reference.providers.filter(function (p) { return String(p.id) === id; })[0] || null;
  }
  function library(meeting) {
    var p = provider(meeting);
    return (p && reference.library[p.kind]) || [];
  }
  // The meeting's indicators in order: library ones as the library lists them,
  // then those written on the day. Votes are kept by key, so that adding or
  // removing an indicator never moves another's votes.
  function indicators(meeting) {
    var chosen = meeting.library.map(String);
    var list = library(meeting).filter(function (item) {
      return chosen.indexOf(String(item.id)) >= 0;
    }).map(function (item) {
      return { key: "lib:" + item.id, name: item.name, library: item.id, audio: item.audio_url };
    });
    meeting.custom.forEach(function (text) {
      list.push({ key: "txt:" + text, name: text, text: text });
    });
    return list;
  }


  function session(meeting, s) {
    var data = { group: s.group, strength: s.strength || "", weakness: s.weakness || "", suggestion: s.suggestion || "" };
    COUNTS.forEach(function (name) { data[name] = (s.counts || {})[name] || ""; });
    data.votes = indicators(meeting).map(function (i) { return (s.votes || {})[i.key] || []; });
    return data;
  }
  function record(meeting) {
    return {
      id: meeting.id, provider: meeting.provider, held_on: meeting.held_on,
      village: meeting.village, language: meeting.language, facilitators: meeting.facilitators,
      indicators: indicators(meeting).map(function (i) {
        return i.library ? { library: i.library } : { text: i.text };
      }),
      groups: meeting.groups.map(function (s) { return session(meeting, s); }),
      self_assessment: meeting.self ? session(meeting, meeting.self) : null
    };
  }
  function token() {
    // A fresh page gives a fresh token (the one kept with an old page may be
    // stale after signing in again); the page's own is the fallback.
    return fetch(URLS.app, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var match = html.match(/name="csrf-token" content="([^"]+)"/);
        if (match) document.querySelector('meta[name="csrf-token"]').content = match[1];
      })
      .catch(function () { /* keep the page's token */ })
      .then(function () { return document.querySelector('meta[name="csrf-token"]').content; });
  }

  return {
    URLS: URLS, LANG: LANG, COUNTS: COUNTS,
    digits: digits, fmt: fmt, newId: newId, today: today,
    save: save, remove: remove, meetings: meetings,
    loadReference: loadReference, reference: function () { return reference; },
    provider: provider, library: library, indicators: indicators,
    record: record, token: token
  };
})();
