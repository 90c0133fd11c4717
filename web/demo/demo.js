// Wires the demo page: the widget on the textarea, a toggle for blockSubmit, and a form that
// stays on the page instead of posting anywhere.
(function () {
  'use strict';
  const form = document.getElementById('composer');
  const block = document.getElementById('block');
  const posted = document.getElementById('posted');
  let widget = null;

  function attach() {
    if (widget) widget.detach();
    widget = window.LeakwatchWidget.attach('#post', {
      endpoint: location.origin,
      blockSubmit: block.checked,
      format: 'markdown',
    });
  }

  block.addEventListener('change', attach);
  // The widget listens in the capture phase, so this only runs for submits it let through.
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    posted.textContent = 'Posted (not really: this is a demo).';
    posted.hidden = false;
  });
  document.getElementById('post').addEventListener('input', function () {
    posted.hidden = true;
  });
  attach();
})();
