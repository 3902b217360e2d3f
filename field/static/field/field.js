/* The I-SAF field app: record a scorecard meeting with no network, sync later.
 *
 * The page is rendered by the server (labels, the group and scale words, the
 * words of this script in the page's language); this script fills it from the
 * reference data, keeps every meeting in IndexedDB on every keystroke, and sends
 * the meetings marked ready to the sync endpoint, which answers per meeting.
 * No framework: the DOM is the form, and `collect` reads it back.
 */
(function () {
  "use strict";
  var root = document.getElementById("field");
  var S = window.ISAFField;
  if (!root || !S || !window.indexedDB || !window.fetch) return;
  root.hidden = false;

  var T = JSON.parse(document.getElementById("field-strings").textContent);
  var URLS = S.URLS, LANG = S.LANG, COUNTS = S.COUNTS;
  var digits = S.digits, fmt = S.fmt, save = S.save, meetings = S.meetings;
  var provider = S.provider, library = S.library, indicators = S.indicators;
  var REMARKS = ["strength", "weakness", "suggestion"];
  var $ = function (id) { return document.getElementById(id); };
  var form = $("field-meeting");
  var reference = null;
  var current = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Network status -----------------------------------------------------------
  var workerReady = false;
  function showNetwork() {
    var line = navigator.onLine ? T.online : T.offline;
    if (!("serviceWorker" in navigator)) line += " " + T.no_worker;
    else line += " " + (workerReady && reference ? T.ready : T.not_ready);
    $("field-network").textContent = line;
    $("field-network").className = "field-network " + (navigator.onLine ? "is-online" : "is-offline");
  }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);

  // The list of meetings on this phone ----------------------------------------
  function title(meeting) {
    var p = provider(meeting);
    if (!p) return T.untitled;
    return p.name + " · " + digits(meeting.held_on || "");
  }
  function statusWord(meeting) {
    return { draft: T.draft, waiting: T.waiting, refused: T.refused, saved: T.saved }[meeting.status];
  }
  function showList() {
    return meetings().then(function (list) {
      var ul = $("field-list");
      ul.textContent = "";
      var waiting = list.filter(function (m) { return m.status === "waiting"; }).length;
      var refused = list.filter(function (m) { return m.status === "refused"; }).length;
      $("field-summary").textContent = (waiting
        ? fmt(T.count_waiting, { count: digits(waiting) }) : T.nothing_waiting)
        + (refused ? " " + fmt(T.count_refused, { count: digits(refused) }) : "");
      list.forEach(function (meeting) {
        var li = el("li", { "class": "field-item is-" + meeting.status, "data-id": meeting.id });
        li.appendChild(el("strong", {}, title(meeting)));
        li.appendChild(el("span", { "class": "badge field-status" }, statusWord(meeting)));
        if (meeting.status === "refused" && meeting.reason) {
          li.appendChild(el("p", { "class": "field-reason", lang: LANG }, meeting.reason));
        }
        if (meeting.status === "saved") {
          (meeting.scorecards || []).forEach(function (s) {
            var a = el("a", { href: s.url }, T.scorecard + " (" + s.group + ")");
            li.appendChild(el("br"));
            li.appendChild(a);
          });
        } else {
          var open = el("button", { type: "button", "class": "button-secondary", "data-open": meeting.id }, T.open);
          li.appendChild(open);
        }
        ul.appendChild(li);
      });
    });
  }
  $("field-list").addEventListener("click", function (event) {
    var id = event.target.getAttribute("data-open");
    if (!id) return;
    meetings().then(function (list) {
      edit(list.filter(function (m) { return m.id === id; })[0]);
    });
  });

  // The meeting form -----------------------------------------------------------
  function options(select, items, chosen) {
    select.textContent = "";
    select.appendChild(el("option", { value: "" }, T.choose));
    items.forEach(function (item) {
      var option = el("option", { value: item.value }, item.label);
      if (String(item.value) === String(chosen)) option.selected = true;
      select.appendChild(option);
    });
  }
  function checks(box, name, items, chosen) {
    box.textContent = "";
    chosen = (chosen || []).map(String);
    items.forEach(function (item) {
      var label = el("label", { "class": "field-check" });
      var input = el("input", { type: "checkbox", name: name, value: item.value });
      input.checked = chosen.indexOf(String(item.value)) >= 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + item.label));
      box.appendChild(label);
      // Audio's hook: a library indicator whose reference data names a clip
      // plays it beside its words (the service worker keeps the clip offline).
      if (item.audio) {
        box.appendChild(el("audio", { controls: "", preload: "none", src: item.audio }));
      }
    });
  }
  function sessionBox(session, label, removable) {
    var node = $("field-session").content.firstElementChild.cloneNode(true);
    node.querySelector("legend").textContent = label;
    COUNTS.forEach(function (name) {
      node.querySelector('[data-count="' + name + '"]').value = (session.counts || {})[name] || "";
    });
    REMARKS.forEach(function (name) {
      node.querySelector('[data-remark="' + name + '"]').value = session[name] || "";
    });
    var body = node.querySelector("tbody");
    var list = indicators(current);
    if (!list.length) {
      var row = el("tr");
      row.appendChild(el("td", { colspan: "6" }, T.no_indicators));
      body.appendChild(row);
    }
    list.forEach(function (indicator) {
      var row = el("tr", { "data-key": indicator.key });
      row.appendChild(el("th", { scope: "row" }, indicator.name));
      var votes = (session.votes || {})[indicator.key] || [];
      for (var score = 1; score <= 5; score++) {
        var cell = el("td");
        var input = el("input", {
          type: "text", inputmode: "numeric", autocomplete: "off", size: "4", "class": "count",
          "data-score": String(score),
          "aria-label": fmt(T.votes_for, { indicator: indicator.name, score: digits(score) })
        });
        input.value = votes[score - 1] || "";
        cell.appendChild(input);
        row.appendChild(cell);
      }
      body.appendChild(row);
    });
    var button = node.querySelector("[data-remove-session]");
    if (removable) button.setAttribute("data-remove-session", String(removable - 1));
    else button.remove();
    return node;
  }
  function groupLabel(value) {
    var option = $("fm-group-kind").querySelector('option[value="' + value + '"]');
    return option ? option.textContent : value;
  }
  function render() {
    var m = current;
    var p = provider(m);
    options($("fm-provider"), (reference ? reference.providers : []).map(function (item) {
      return { value: item.id, label: item.name + " (" + item.kind_label + ")" };
    }), m.provider);
    $("fm-held-on").value = m.held_on || "";
    options($("fm-village"), (reference ? reference.villages : []).filter(function (v) {
      return p && p.communes.indexOf(v.commune) >= 0;
    }).map(function (v) { return { value: v.code, label: v.name }; }), m.village);
    $("fm-language").value = m.language || "km";
    checks($("fm-cafs"), "facilitators", (reference ? reference.cafs : []).map(function (c) {
      return { value: c.id, label: c.name };
    }), m.facilitators);
    checks($("fm-library"), "library", library(m).map(function (item) {
      return { value: item.id, label: item.name, audio: item.audio_url };
    }), m.library);
    var custom = $("fm-custom");
    custom.textContent = "";
    m.custom.forEach(function (text, index) {
      var li = el("li", {}, text + " ");
      li.appendChild(el("button", { type: "button", "class": "button-secondary", "data-remove-custom": String(index) }, T.remove));
      custom.appendChild(li);
    });
    var groups = $("fm-groups");
    groups.textContent = "";
    m.groups.forEach(function (session, index) {
      groups.appendChild(sessionBox(session, groupLabel(session.group), index + 1));
    });
    $("fm-self").checked = !!m.self;
    var own = $("fm-self-box");
    own.textContent = "";
    if (m.self) own.appendChild(sessionBox(m.self, T.self_assessment, 0));
    $("field-meeting-state").textContent = statusWord(m);
    $("field-reason").hidden = !(m.status === "refused" && m.reason);
    $("field-reason").textContent = m.reason || "";
  }
  function readSession(node, session) {
    session.counts = {};
    COUNTS.forEach(function (name) {
      session.counts[name] = node.querySelector('[data-count="' + name + '"]').value;
    });
    REMARKS.forEach(function (name) {
      session[name] = node.querySelector('[data-remark="' + name + '"]').value;
    });
    session.votes = session.votes || {};
    node.querySelectorAll("tr[data-key]").forEach(function (row) {
      session.votes[row.getAttribute("data-key")] = Array.prototype.map.call(
        row.querySelectorAll("input"), function (input) { return input.value; });
    });
  }
  function collect() {
    var m = current;
    m.provider = $("fm-provider").value;
    m.held_on = $("fm-held-on").value;
    m.village = $("fm-village").value;
    m.language = $("fm-language").value;
    var checked = function (name) {
      return Array.prototype.map.call(
        form.querySelectorAll('input[name="' + name + '"]:checked'),
        function (input) { return input.value; });
    };
    m.facilitators = checked("facilitators");
    m.library = checked("library");
    $("fm-groups").querySelectorAll(":scope > fieldset").forEach(function (node, index) {
      readSession(node, m.groups[index]);
    });
    var own = $("fm-self-box").firstElementChild;
    if (own && m.self) readSession(own, m.self);
  }
  function keep() {
    collect();
    return save(current).then(function () { $("fm-kept").textContent = T.kept; });
  }
  form.addEventListener("input", function (event) {
    // A new provider changes the villages and the library offered.
    var redraw = event.target.id === "fm-provider" || event.target.name === "library";
    collect();
    if (redraw) render();
    save(current).then(function () { $("fm-kept").textContent = T.kept; });
  });
  form.addEventListener("click", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-remove-custom")) {
      collect();
      current.custom.splice(Number(target.getAttribute("data-remove-custom")), 1);
      render();
    save(current);
    } else if (target.hasAttribute("data-remove-session")) {
      collect();
      current.groups.splice(Number(target.getAttribute("data-remove-session")), 1);
      render();
    save(current);
    }
  });
  $("fm-custom-add").addEventListener("click", function () {
    var input = $("fm-custom-text");
    var text = input.value.split(/\s+/).join(" ").trim();
    if (!text) return;
    collect();
    if (current.custom.indexOf(text) < 0) current.custom.push(text);
    input.value = "";
    render();
    save(current);
  });
  $("fm-group-add").addEventListener("click", function () {
    collect();
    current.groups.push({ group: $("fm-group-kind").value, counts: {}, votes: {} });
    render();
    save(current);
  });
  $("fm-self").addEventListener("change", function (event) {
    collect();
    current.self = event.target.checked ? (current.self || { counts: {}, votes: {} }) : null;
    render();
    save(current);
  });
  $("fm-ready").addEventListener("click", function () {
    collect();
    current.status = "waiting";
    current.reason = "";
    save(current).then(close);
  });
  $("fm-close").addEventListener("click", function () { keep().then(close); });
  $("fm-delete").addEventListener("click", function () {
    if (!window.confirm(T.remove_meeting)) return;
    S.remove(current.id).then(close);
  });
  $("field-new").addEventListener("click", function () {
    var meeting = {
      id: S.newId(), status: "draft", created: new Date().toISOString(),
      provider: "", held_on: S.today(), village: "", language: LANG === "en" ? "en" : "km",
      facilitators: [], library: [], custom: [], groups: [], self: null, reason: ""
    };
    save(meeting).then(function () { edit(meeting); });
  });
  function edit(meeting) {
    current = meeting;
    render();
    form.hidden = false;
    $("field-new").hidden = true;
    form.scrollIntoView();
  }
  function close() {
    current = null;
    form.hidden = true;
    $("field-new").hidden = false;
    return showList();
  }

  // Sync --------------------------------------------------------------------------
  function say(text) { $("field-sync-result").textContent = text; }
  $("field-sync").addEventListener("click", function () {
    if (current) collect();
    if (!navigator.onLine) { say(T.sync_offline); return; }
    meetings().then(function (list) {
      var waiting = list.filter(function (m) { return m.status === "waiting"; });
      if (!waiting.length) { say(T.nothing_waiting); return null; }
      say(T.syncing);
      return S.token().then(function (csrf) {
        return fetch(URLS.sync, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({ records: waiting.map(S.record) })
        });
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || !data.results) throw { portal: data.error || T.sync_failed };
          var saved = 0, refused = 0;
          var done = data.results.map(function (result) {
            var meeting = waiting.filter(function (m) { return m.id === result.id; })[0];
            if (!meeting) return null;
            if (result.status === "saved") {
              saved++;
              meeting.status = "saved";
              meeting.reason = "";
              meeting.scorecards = result.scorecards || [];
            } else {
              refused++;
              meeting.status = "refused";
              meeting.reason = result.reason || "";
            }
            return save(meeting);
          });
          return Promise.all(done).then(showList).then(function () {
            say(fmt(T.sync_done, { saved: digits(saved), refused: digits(refused) }));
          });
        });
      });
    }).catch(function (error) {
      say(error && error.portal ? error.portal : T.sync_failed);
    }).then(showList);
  });

  // Start --------------------------------------------------------------------------
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(URLS.sw).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      workerReady = true;
      showNetwork();
      mark("field-offline-ready");
    }).catch(showNetwork);
  }
  S.loadReference().then(function (data) {
    reference = data;
    showNetwork();
    return showList();
  }).then(function () {
    mark("field-ready");
  });
  // Marks for `make bench` (bench/field.py): when the app can be used, and when
  // it can be used with no network.
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
})();
