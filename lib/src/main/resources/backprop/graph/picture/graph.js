// The script of the interactive expression graph (GraphPicture.html()).
//
// It runs once, right where its script element stands inside the div.bp-graph block, and finds
// that block through document.currentScript, never through a global id, so that two graphs in one
// notebook (or an old output beside a new one) stay apart. Everything it shows comes from the JSON
// in the block's script.bp-data element: for each value (in node order) the lines of its panel,
// the first a heading and the third the chain rule in the course's notation; the step the picture
// was drawn at; and the hint shown when no value is selected.
(function () {
  var me = document.currentScript;
  var root = me && me.parentNode;
  if (!root || !root.classList || !root.classList.contains('bp-graph')) {
    var all = document.querySelectorAll('div.bp-graph:not([data-bp-live])');
    root = all.length ? all[all.length - 1] : null;
  }
  if (!root || root.hasAttribute('data-bp-live')) return;
  root.setAttribute('data-bp-live', '');
  var data = JSON.parse(root.querySelector('script.bp-data').textContent);
  var panels = data.panels, done = data.done, current = data.current;
  var steps = parseInt(root.getAttribute('data-steps'), 10);
  var nodes = root.querySelectorAll('.bp-node');
  var ops = root.querySelectorAll('.bp-op');
  var edges = root.querySelectorAll('.bp-edge');
  var panel = root.querySelector('.bp-panel');
  var status = root.querySelector('.bp-status');

  function mark(el, name, on) { if (on) el.classList.add(name); else el.classList.remove(name); }
  function number(el, attribute) { return parseInt(el.getAttribute(attribute), 10); }

  // The picture after `done` steps: those values done, the last one (if `current`) emphasised.
  function render() {
    var active = current ? done - 1 : -1;
    for (var i = 0; i < nodes.length; i++) {
      var n = number(nodes[i], 'data-node');
      mark(nodes[i], 'bp-done', n < done);
      mark(nodes[i], 'bp-active', n === active);
    }
    for (var e = 0; e < edges.length; e++) mark(edges[e], 'bp-current', number(edges[e], 'data-from') === active);
    status.textContent = 'step ' + done + ' of ' + steps;
  }

  // The panel of value n: how its gradient is made.
  function show(n) {
    for (var i = 0; i < nodes.length; i++) mark(nodes[i], 'bp-selected', number(nodes[i], 'data-node') === n);
    panel.textContent = '';
    var lines = panels[n];
    for (var j = 0; j < lines.length; j++) {
      var line = document.createElement('div');
      line.className = j === 0 ? 'bp-heading' : j === 2 ? 'bp-formula' : 'bp-line';
      line.textContent = lines[j];
      panel.appendChild(line);
    }
  }

  function hint() {
    for (var i = 0; i < nodes.length; i++) mark(nodes[i], 'bp-selected', false);
    panel.textContent = data.hint;
  }

  // Step: one more value of the backward pass; after the last, start again from the first.
  root.querySelector('button[data-action="step"]').addEventListener('click', function () {
    if (done >= steps) done = 0;
    done += 1;
    current = true;
    render();
    show(done - 1);
  });
  // Reset: back to the forward pass, no gradient known.
  root.querySelector('button[data-action="reset"]').addEventListener('click', function () {
    done = 0;
    current = false;
    render();
    hint();
  });
  // End: forward to the finished backward pass, every gradient known.
  root.querySelector('button[data-action="end"]').addEventListener('click', function () {
    done = steps;
    current = false;
    render();
    hint();
  });
  function clickable(list) {
    for (var i = 0; i < list.length; i++) {
      list[i].addEventListener('click', function (event) { show(number(event.currentTarget, 'data-node')); });
    }
  }
  clickable(nodes);
  clickable(ops);
  root.querySelector('.bp-controls').style.display = '';
  panel.style.display = '';
  // The graph is live: the hint to run the cell, shown where scripts do not run, goes.
  var note = root.querySelector('.bp-note');
  if (note) note.style.display = 'none';
  render();
})();
