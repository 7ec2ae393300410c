// Broadsheet's live preview: follows each save of the article in the page open, without a reload.
// Served only while an editor previews (broadsheet.preview=true), inline, and allowed by its hash alone.
(function () {
  var meta = document.querySelector('meta[name="broadsheet-live"]');
  if (!meta || !window.EventSource || !window.fetch) return;
  var shown = meta.content;
  var BLOCKS = 'main :is(h1, h2, h3, h4, p, li, figure, blockquote, pre, table, details, hr)';

  // The block at the top of the window, and how far below the top it starts.
  function place() {
    var blocks = document.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var box = blocks[i].getBoundingClientRect();
      if (box.bottom > 0) return { index: i, text: blocks[i].textContent, top: box.top };
    }
    return null;
  }

  // The same block in the new page: the one with the same text nearest its old place, else the one at
  // that place; scrolled to where it was.
  function restore(was) {
    if (!was) return;
    var blocks = document.querySelectorAll(BLOCKS);
    if (!blocks.length) return;
    var best = -1;
    for (var d = 0; d < blocks.length && best < 0; d++) {
      if (blocks[was.index - d] && blocks[was.index - d].textContent === was.text) best = was.index - d;
      else if (blocks[was.index + d] && blocks[was.index + d].textContent === was.text) best = was.index + d;
    }
    var block = blocks[best >= 0 ? best : Math.min(was.index, blocks.length - 1)];
    window.scrollBy(0, block.getBoundingClientRect().top - was.top);
  }

  // Why the last save could not be published, while it could not: shown again over each page swapped in.
  var broken = null;

  function clearBroken() {
    var box = document.getElementById('broadsheet-broken');
    if (box) box.remove();
  }

  function showBroken(sentence) {
    var box = document.getElementById('broadsheet-broken');
    if (!box) {
      box = document.createElement('div');
      box.id = 'broadsheet-broken';
      box.className = 'preview-broken';
      box.setAttribute('role', 'alert');
      var title = document.createElement('p');
      title.className = 'preview-broken-title';
      title.textContent = 'Your last save cannot be published. This is the last good version.';
      box.append(title, document.createElement('p'));
      document.body.prepend(box);
    }
    box.lastChild.textContent = sentence;
  }

  var fetching = null;
  function follow(version) {
    if (version === shown) { if (broken === null) clearBroken(); return; }
    if (fetching) { fetching.then(function () { follow(version); }); return; }
    // whatever the server now serves at this address, a 404 page included
    fetching = fetch(location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var live = next.querySelector('meta[name="broadsheet-live"]');
        var was = place();
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
        restore(was);
        shown = live ? live.content : version;
        if (broken !== null) showBroken(broken);
      })
      .catch(function () { /* the next save or reconnection tries again */ })
      .then(function () { fetching = null; });
  }

  // Says on the page whether it follows the saves: "following", or "reconnecting" while the preview is away.
  var events = new EventSource('/_preview/events');
  events.addEventListener('open', function () { document.documentElement.setAttribute('data-live', 'following'); });
  events.addEventListener('error', function () { document.documentElement.setAttribute('data-live', 'reconnecting'); });
  // Each stream begins with the state: the edition served, then why the last save failed, if it did.
  events.addEventListener('page', function (event) { broken = null; follow(event.data); });
  events.addEventListener('broken', function (event) { broken = event.data; showBroken(broken); });
})();
