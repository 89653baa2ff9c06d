// Appended to the MathJax 2 configuration of every page (Doxyfile: MATHJAX_CODEFILE).
MathJax.Hub.Config({
  // No "Loading [MathJax]..." box in the corner of the page while the equations are typeset.
  messageStyle: "none"
});

// Every error MathJax reports (a file it could not load, a TeX error, a processing error) is
// shown in the browser's console and kept in window.workbookMathErrors, which the course's browser
// test (docs/tests/check_page.html.in) reads. Registered here, before MathJax starts, so that
// errors during its start-up are caught too.
window.workbookMathErrors = [];
MathJax.Hub.signal.Interest(function (message) {
  var parts = Array.isArray(message) ? message : [message];
  if (/error/i.test(String(parts[0]))) {
    var text = parts.filter(function (part) { return typeof part === "string"; }).join(": ");
    window.workbookMathErrors.push(text);
    if (window.console) console.error("MathJax: " + text);
  }
});
