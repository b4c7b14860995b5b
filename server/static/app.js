// dyad's only script: explains a highlight of the article page when it is
// clicked or chosen with the keyboard, by showing the cards that describe it
// (rendered by the server beside the text) in a pop-up; and points out the
// highlights of a card chosen in the side panel. The pages work without it.
(function () {
  "use strict";
  var pop = document.getElementById("pop");
  var text = document.getElementById("text");
  if (!pop || !text) {
    return;
  }
  var body = pop.querySelector(".pop-body");

  function clearFocus() {
    document.querySelectorAll(".focus").forEach(function (el) {
      el.classList.remove("focus");
    });
  }

  function hide() {
    pop.hidden = true;
    clearFocus();
  }

  // marksOf returns the highlight under el and the highlights enclosing it,
  // innermost first.
  function marksOf(el) {
    var out = [];
    for (var m = el.closest("mark[data-ref]"); m && text.contains(m); m = m.parentElement.closest("mark[data-ref]")) {
      out.push(m);
    }
    return out;
  }

  function show(mark) {
    var marks = marksOf(mark);
    var seen = {};
    body.replaceChildren();
    clearFocus();
    marks.forEach(function (m) {
      var ref = m.dataset.ref;
      if (seen[ref]) {
        return;
      }
      seen[ref] = true;
      m.classList.add("focus");
      var card = document.getElementById(ref);
      if (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        copy.querySelectorAll("[id]").forEach(function (x) { x.removeAttribute("id"); });
        body.appendChild(copy);
        card.classList.add("focus");
      }
    });
    if (!body.firstChild) {
      return;
    }
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    if (window.innerWidth < 720) {
      pop.style.left = "";
      pop.style.top = "";
      pop.classList.add("sheet");
    } else {
      pop.classList.remove("sheet");
      var w = pop.offsetWidth;
      var left = Math.min(Math.max(8, r.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - w - 8);
      pop.style.left = left + "px";
      pop.style.top = (r.bottom + window.scrollY + 8) + "px";
    }
  }

  // pointTo marks the highlights that a card explains and scrolls to the first.
  function pointTo(ref) {
    clearFocus();
    var marks = text.querySelectorAll('mark[data-ref="' + CSS.escape(ref) + '"]');
    marks.forEach(function (m) { m.classList.add("focus"); });
    var card = document.getElementById(ref);
    if (card) {
      card.classList.add("focus");
    }
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  document.addEventListener("click", function (e) {
    var close = e.target.closest(".pop-close");
    if (close) {
      hide();
      return;
    }
    var mark = e.target.closest("mark[data-ref]");
    if (mark && text.contains(mark)) {
      e.preventDefault();
      show(mark);
      return;
    }
    var card = e.target.closest(".doc-side .card[data-ref]");
    if (card && !e.target.closest("a")) {
      pointTo(card.dataset.ref);
      return;
    }
    if (!e.target.closest("#pop")) {
      hide();
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      hide();
      return;
    }
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches("mark[data-ref]")) {
      e.preventDefault();
      show(e.target);
    }
  });

  if (location.hash.length > 1) {
    var ref = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(ref) && text.querySelector('mark[data-ref="' + CSS.escape(ref) + '"]')) {
      pointTo(ref);
    }
  }
})();
