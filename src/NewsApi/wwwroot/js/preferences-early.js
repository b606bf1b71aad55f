// Classic (blocking) script: puts the saved reading preferences on <html> before the first paint.
// js/preferences.js owns the keys and the allowed values; this mirrors only what it needs to read.
(function () {
  try {
    var root = document.documentElement;
    var step = Number(localStorage.getItem('newsapi.reader.fontStep'));
    if (Number.isInteger(step) && step >= -2 && step <= 3) {
      root.dataset.fontStep = String(step);
    }
    if (localStorage.getItem('newsapi.reader.contrast') === 'high') {
      root.classList.add('high-contrast');
    }
  } catch (e) {
    // Storage may be unavailable (privacy settings): the defaults apply.
  }
})();
