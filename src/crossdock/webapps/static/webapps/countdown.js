// Ticks the claim countdown of each offer between two polls ("Claim within 9:41"). It counts down from the
// seconds the server said were left when it rendered the offer, so a tablet's wrong clock does not matter.
// Without JavaScript the server's text (the same words) stays, refreshed by every poll.
(function () {
  "use strict";
  var seen = new WeakMap();

  function text(left) {
    if (left <= 0) return "Expiring";
    if (left >= 3600) return "Claim within " + Math.floor(left / 3600) + " h " + Math.floor((left % 3600) / 60) + " min";
    return "Claim within " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }

  function tick() {
    var now = performance.now();
    document.querySelectorAll("[data-seconds-left]").forEach(function (clock) {
      if (!seen.has(clock)) seen.set(clock, now);
      var left = Math.max(0, Math.round(Number(clock.dataset.secondsLeft) - (now - seen.get(clock)) / 1000));
      clock.textContent = text(left);
      var card = clock.closest(".offer");
      if (card) card.classList.toggle("urgent", left < 120);
    });
  }

  tick();
  setInterval(tick, 1000);
})();
