// orderflow console: plain JavaScript, no framework, no build step.
// The server pushes a "snapshot" when the page connects and an "update" every half second over server-sent events
// (/api/stream); the page keeps a small model of orders, records and status and redraws what changed. Everything
// from Kafka or a service is put on the page as text (textContent), never as HTML.
'use strict';

(() => {
  const MAX_ORDERS = 150;          // rows in the orders table
  const EVENTS_PER_TOPIC = 25;     // records listed per topic
  const STATE_TONES = {
    PENDING: 'warn', CONFIRMED: 'ok', REJECTED: 'bad', CANCELLATION_REQUESTED: 'info', CANCELLED: 'off', EXPIRED: 'exp',
  };
  const BREAKER_TONES = { closed: 'ok', open: 'bad', half_open: 'warn', forced_open: 'bad', disabled: 'off', unknown: 'off' };

  // The page's model: what the server told it last.
  const model = {
    orders: new Map(),      // order id -> OrderView
    topics: new Map(),      // topic -> records, newest first
    status: null,           // SystemStatus
    chart: [],              // ChartSecond[]
    load: null,             // LoadState
  };
  const expanded = new Set(); // ids of orders whose timeline is open

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- helpers

  /** Creates an element with attributes and children; strings become text nodes. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const svgNs = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes = {}) {
    const node = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  function time(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    return date.toLocaleTimeString([], { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
  }

  function millis(ms) {
    if (ms === null || ms === undefined) return '—';
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }

  function count(value) {
    return value === null || value === undefined ? 'not reported' : String(Math.round(value));
  }

  function badge(text, tone) {
    return el('span', { class: 'badge', 'data-tone': tone, text });
  }

  function shortId(id) {
    return id.length > 8 ? id.slice(0, 8) : id;
  }

  // ---------------------------------------------------------------- the live connection

  let source = null;

  function connect() {
    source = new EventSource('api/stream');
    source.addEventListener('snapshot', (message) => {
      const snapshot = JSON.parse(message.data);
      model.orders.clear();
      model.topics.clear();
      apply(snapshot);
      setConnection('live', 'Live');
    });
    source.addEventListener('update', (message) => apply(JSON.parse(message.data)));
    // EventSource reconnects by itself; the next snapshot replaces whatever the page missed meanwhile
    source.onerror = () => setConnection('reconnecting', 'Reconnecting…');
  }

  function setConnection(state, text) {
    const node = $('connection');
    node.dataset.state = state;
    node.textContent = text;
  }

  /** Folds a snapshot or an update into the model, then redraws. */
  function apply(message) {
    for (const order of message.orders || []) model.orders.set(order.id, order);
    if (model.orders.size > MAX_ORDERS * 2) trimOrders();
    for (const record of message.events || []) addRecord(record);
    model.status = message.status;
    model.chart = message.chart || [];
    model.load = message.load;
    render();
  }

  function trimOrders() {
    const newestFirst = sortedOrders();
    for (const order of newestFirst.slice(MAX_ORDERS)) model.orders.delete(order.id);
  }

  function addRecord(record) {
    const list = model.topics.get(record.topic) || [];
    // a reconnect may send a record twice: keep one
    if (list.some((r) => r.partition === record.partition && r.offset === record.offset)) return;
    list.unshift(record);
    if (list.length > EVENTS_PER_TOPIC) list.length = EVENTS_PER_TOPIC;
    model.topics.set(record.topic, list);
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    renderServices();
    renderEdges();
    renderProviderAndLoad();
    renderChart();
    renderOrders();
    renderTopics();
  }

  function renderServices() {
    const status = model.status;
    if (!status) return;
    const container = $('services');
    for (const service of status.services) {
      const instances = service.instances && service.instances.length ? service.instances
        : [{ name: service.name, baseUri: null, health: service.health, running: service.running }];
      const names = instances.map((instance) => instance.name).join(' ');
      let card = container.querySelector(`[data-service="${service.name}"]`);
      if (!card || card.dataset.instances !== names) {
        // built anew when the instances change: a stop button per instance, each named once on the page
        const fresh = serviceCard(service.name, instances);
        if (card) card.replaceWith(fresh);
        else container.append(fresh);
        card = fresh;
      }
      card.dataset.health = service.health;
      card.dataset.running = service.running === null ? 'unknown' : String(service.running);
      card.querySelector('.health').replaceChildren(healthBadge(service.health, service.running, instances));
      card.querySelector('.lag').textContent = service.lag === null ? 'unknown' : String(service.lag);
      card.querySelector('.outbox').textContent = count(service.outboxBacklog);
      card.querySelector('.dead').textContent = count(service.deadLetters);
      if (instances.length === 1) {
        showControls(card.querySelector('.actions'), instances[0], status.serviceControls);
      } else {
        for (const instance of instances) {
          const row = card.querySelector(`[data-instance="${instance.name}"]`);
          row.dataset.health = instance.health;
          row.dataset.running = instance.running === null ? 'unknown' : String(instance.running);
          row.querySelector('.health').replaceChildren(healthBadge(instance.health, instance.running, [instance]));
          showControls(row.querySelector('.actions'), instance, status.serviceControls);
        }
      }
    }
    $('kafka-state').textContent = status.kafkaReachable ? 'Kafka: reachable.' : 'Kafka: not reachable right now.';
  }

  /** A service's or an instance's state in words; a service of several instances says how many are up. */
  function healthBadge(health, running, instances) {
    if (running === false) return badge('stopped', 'off');
    if (health === 'UP') return badge('up', 'ok');
    if (health === 'PARTIAL') {
      const up = instances.filter((instance) => instance.health === 'UP').length;
      return badge(`${up} of ${instances.length} up`, 'warn');
    }
    return health === 'DOWN' ? badge('down', 'bad') : badge('not answering', 'bad');
  }

  function showControls(actions, instance, serviceControls) {
    actions.hidden = !serviceControls;
    actions.querySelector('.stop').disabled = instance.running === false;
    actions.querySelector('.start').disabled = instance.running === true && instance.health === 'UP';
  }

  /** Stop and start of one instance, by its name: the service's own for its first. */
  function instanceActions(name) {
    const stop = el('button', { type: 'button', class: 'stop', text: 'Stop' });
    const start = el('button', { type: 'button', class: 'start', text: 'Start' });
    stop.setAttribute('aria-label', 'Stop ' + name);
    start.setAttribute('aria-label', 'Start ' + name);
    stop.addEventListener('click', () => command({ command: 'stop-service', service: name }));
    start.addEventListener('click', () => command({ command: 'start-service', service: name }));
    return el('div', { class: 'actions' }, stop, start);
  }

  /** Where an instance listens, e.g. ":18082". */
  function port(instance) {
    try {
      const url = new URL(instance.baseUri);
      return ':' + (url.port || (url.protocol === 'https:' ? '443' : '80'));
    } catch (error) {
      return instance.name;
    }
  }

  function serviceCard(name, instances) {
    const several = instances.length > 1;
    return el('article', { class: 'service', 'data-service': name, 'data-instances': instances.map((i) => i.name).join(' ') },
      el('h3', {}, name, several ? el('span', { class: 'count', text: ' ×' + instances.length }) : null),
      el('div', { class: 'health' }),
      el('dl', {},
        el('dt', { text: 'consumer lag' }), el('dd', { class: 'lag' }),
        el('dt', { text: 'outbox backlog' }), el('dd', { class: 'outbox' }),
        el('dt', { text: 'dead letters' }), el('dd', { class: 'dead' })),
      several ? el('ul', { class: 'instances', 'aria-label': 'Instances of ' + name },
        ...instances.map((instance) => el('li', { 'data-instance': instance.name },
          el('span', { class: 'port', title: instance.name, text: port(instance) }),
          el('span', { class: 'health' }),
          instanceActions(instance.name))))
        : instanceActions(name));
  }

  function renderEdges() {
    if (!model.status) return;
    const list = $('edges');
    list.replaceChildren(...model.status.edges.map((edge) => el('li', { 'data-edge': edge.name, 'data-state': edge.state },
      el('span', {}, edge.caller + ' → ', el('strong', { text: edge.name })),
      badge(edge.state.replace('_', '-'), BREAKER_TONES[edge.state] || 'off'))));
  }

  function renderProviderAndLoad() {
    const provider = model.status && model.status.provider;
    $('provider-state').textContent = !provider ? 'Provider: not known yet.'
      : !provider.reachable ? 'Provider: not answering.'
        : `Provider now: error rate ${provider.errorRate}, latency ${provider.latencyMs} ms.`;
    $('provider-state').dataset.errorRate = provider && provider.reachable ? String(provider.errorRate) : '';
    const load = model.load;
    const line = $('load-state');
    line.dataset.running = String(Boolean(load && load.running));
    if (!load || (!load.running && !load.startedAt)) {
      line.textContent = 'No load running.';
    } else {
      line.textContent = (load.running ? `Placing ${load.ratePerSecond} orders/s, ${Math.round(load.approvedShare * 100)} % approved: `
        : 'Load stopped after ')
        + `${load.accepted} accepted, ${load.failed} failed` + (load.skipped ? `, ${load.skipped} skipped` : '')
        + (load.lastError ? ` (last failure: ${load.lastError})` : '') + '.';
    }
  }

  // The chart: stacked bars of outcomes per second with a line of orders placed, and a latency chart below.
  function renderChart() {
    const series = model.chart;
    if (!series.length) return;
    drawOutcomes($('chart-outcomes'), series);
    drawLatency($('chart-latency'), series);
  }

  const CHART = { left: 40, right: 10, top: 10, bottom: 20, width: 760 };

  function axes(node, height, max, unit, series) {
    const plotBottom = height - CHART.bottom;
    node.append(svg('line', { class: 'axis', x1: CHART.left, y1: plotBottom, x2: CHART.width - CHART.right, y2: plotBottom }));
    node.append(svg('line', { class: 'grid-line', x1: CHART.left, y1: CHART.top, x2: CHART.width - CHART.right, y2: CHART.top }));
    const top = svg('text', { x: CHART.left - 4, y: CHART.top + 4, 'text-anchor': 'end' });
    top.textContent = max + unit;
    const zero = svg('text', { x: CHART.left - 4, y: plotBottom, 'text-anchor': 'end' });
    zero.textContent = '0';
    node.append(top, zero);
    const seconds = series.length;
    for (const [at, label] of [[0, `−${seconds} s`], [seconds / 2, `−${seconds / 2} s`], [seconds - 1, 'now']]) {
      const text = svg('text', { x: xOf(at, seconds), y: height - 5, 'text-anchor': 'middle' });
      text.textContent = label;
      node.append(text);
    }
  }

  function xOf(index, count) {
    return CHART.left + (index / count) * (CHART.width - CHART.left - CHART.right);
  }

  /** A round number just above the largest value, so the scale does not jitter with every tick. */
  function niceMax(value) {
    if (value <= 5) return 5;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    return Math.ceil(value / magnitude) * magnitude;
  }

  function drawOutcomes(node, series) {
    const height = 170;
    const plot = height - CHART.top - CHART.bottom;
    const outcomes = ['confirmed', 'rejected', 'cancelled', 'expired'];
    const max = niceMax(Math.max(...series.map((s) => Math.max(s.placed, outcomes.reduce((sum, o) => sum + s[o], 0)))));
    node.replaceChildren();
    axes(node, height, max, '/s', series);
    const barWidth = (CHART.width - CHART.left - CHART.right) / series.length - 1;
    series.forEach((second, index) => {
      let y = height - CHART.bottom;
      for (const outcome of outcomes) {
        if (!second[outcome]) continue;
        const h = (second[outcome] / max) * plot;
        y -= h;
        node.append(svg('rect', { class: outcome, x: xOf(index, series.length), y, width: barWidth, height: h }));
      }
    });
    const points = series.map((s, i) => `${xOf(i, series.length) + barWidth / 2},${height - CHART.bottom - (s.placed / max) * plot}`);
    node.append(svg('polyline', { class: 'placed', points: points.join(' ') }));
    // the last ten seconds in words, for screen readers and for anyone who does not read charts
    const recent = series.slice(-10);
    const sum = (key) => recent.reduce((total, s) => total + s[key], 0);
    $('chart-outcomes-text').textContent = `Last 10 seconds: ${sum('placed')} placed, ${sum('confirmed')} confirmed, `
      + `${sum('rejected')} rejected, ${sum('cancelled')} cancelled, ${sum('expired')} expired.`;
  }

  function drawLatency(node, series) {
    const height = 130;
    const plot = height - CHART.top - CHART.bottom;
    const values = series.flatMap((s) => [s.p50, s.p95]).filter((v) => v !== null);
    const max = niceMax(values.length ? Math.max(...values) : 1000);
    node.replaceChildren();
    axes(node, height, max >= 1000 ? max / 1000 : max, max >= 1000 ? ' s' : ' ms', series);
    for (const key of ['p95', 'p50']) {
      // one polyline per run of seconds that had outcomes: no line is drawn across a quiet gap
      let run = [];
      const flush = () => {
        if (run.length === 1) {
          node.append(svg('circle', { class: key + '-dot', cx: run[0][0], cy: run[0][1], r: 2 }));
        } else if (run.length) {
          node.append(svg('polyline', { class: key, points: run.map((point) => point.join(',')).join(' ') }));
        }
        run = [];
      };
      series.forEach((s, i) => {
        if (s[key] === null) { flush(); return; }
        run.push([xOf(i, series.length), height - CHART.bottom - (s[key] / max) * plot]);
      });
      flush();
    }
    const recent = series.slice(-30).filter((s) => s.p50 !== null);
    $('chart-latency-text').textContent = recent.length
      ? `Placed to outcome over the last 30 seconds: median ${millis(recent[recent.length - 1].p50)} in the latest second with outcomes, `
        + `up to ${millis(Math.max(...recent.map((s) => s.p95)))} at the 95th percentile.`
      : 'No outcomes in the last 30 seconds.';
  }

  /** Newest first. An order just placed here whose OrderPlaced has not been read yet is the newest of all; one
   * seen without its OrderPlaced (placed before the console's window) is the oldest. */
  function placedTime(order) {
    if (order.placedAt) return Date.parse(order.placedAt);
    return order.placedHere ? Number.MAX_SAFE_INTEGER : 0;
  }

  function sortedOrders() {
    return [...model.orders.values()].sort((a, b) => placedTime(b) - placedTime(a));
  }

  function renderOrders() {
    const body = document.querySelector('#orders tbody');
    const orders = sortedOrders().slice(0, MAX_ORDERS);
    $('orders-empty').hidden = orders.length > 0;
    // rows are kept and updated in place, so a focused button in the table stays focused
    const existing = new Map([...body.querySelectorAll('tr.order')].map((row) => [row.dataset.orderId, row]));
    let previous = null;
    for (const order of orders) {
      let row = existing.get(order.id);
      if (!row) row = orderRow(order.id);
      existing.delete(order.id);
      fillOrderRow(row, order);
      const detail = timelineRow(row, order);
      const anchor = previous ? previous.nextSibling : body.firstChild;
      if (row !== anchor) body.insertBefore(row, anchor);
      if (detail) row.after(detail);
      previous = detail || row;
    }
    for (const row of existing.values()) {
      if (row.nextSibling && row.nextSibling.classList.contains('timeline-row')) row.nextSibling.remove();
      row.remove();
    }
  }

  function orderRow(id) {
    const button = el('button', { type: 'button', class: 'order-id', 'aria-expanded': 'false', title: id, text: shortId(id) });
    button.setAttribute('aria-label', 'Order ' + id + ': show its timeline');
    button.addEventListener('click', () => {
      if (expanded.has(id)) expanded.delete(id); else expanded.add(id);
      render();
    });
    return el('tr', { class: 'order', 'data-order-id': id },
      el('td', {}, button), el('td', { class: 'state' }), el('td', { class: 'num placed' }),
      el('td', { class: 'num latency' }), el('td', { class: 'num charged' }), el('td', { class: 'num emails' }),
      el('td', { class: 'saga' }));
  }

  function fillOrderRow(row, order) {
    const state = order.state || 'PENDING';
    row.dataset.state = order.state || 'UNKNOWN';
    row.dataset.placedAt = order.placedAt || '';
    row.dataset.placedHere = String(order.placedHere);
    row.querySelector('button').setAttribute('aria-expanded', String(expanded.has(order.id)));
    row.querySelector('.state').replaceChildren(order.state ? badge(state.replace('_', ' ').toLowerCase(), STATE_TONES[state])
      : badge('not seen yet', 'off'));
    row.querySelector('.placed').textContent = time(order.placedAt);
    row.querySelector('.latency').textContent = millis(order.latencyMillis);
    const audit = order.audit;
    const charged = row.querySelector('.charged');
    charged.dataset.charges = audit ? String(audit.charges) : '';
    charged.textContent = !audit ? '…' : audit.charges + (audit.refunds ? `, refunded ${audit.refunds}` : '')
      + (audit.declined ? ` (${audit.declined} declined)` : '');
    row.querySelector('.emails').textContent = !audit ? '…' : String(audit.emails.length);
    const steps = order.timeline.map((step) => el('span', { class: 'step', 'data-service': step.service, title: step.service + ' at ' + time(step.at), text: step.what }));
    if (order.duplicates) steps.push(el('span', { class: 'step', title: 'events delivered more than once, absorbed by the inboxes', text: `${order.duplicates} redelivered` }));
    row.querySelector('.saga').replaceChildren(el('div', { class: 'steps' }, ...steps));
  }

  /** The expanded timeline below an order's row, or null when it is closed. */
  function timelineRow(row, order) {
    const next = row.nextSibling;
    const open = next && next.classList && next.classList.contains('timeline-row') ? next : null;
    if (!expanded.has(order.id)) {
      if (open) open.remove();
      return null;
    }
    const placed = order.placedAt ? Date.parse(order.placedAt) : null;
    const list = el('ol', { class: 'timeline', 'aria-label': 'Timeline of order ' + order.id },
      ...order.timeline.map((step) => el('li', {},
        el('span', { class: 'mono', text: time(step.at) }),
        el('span', { class: 'mono', text: placed && step.at ? '+' + millis(Date.parse(step.at) - placed) : '' }),
        el('span', { text: step.service }),
        el('strong', { text: step.what }),
        el('span', { class: 'muted', text: step.detail || '' }))));
    const cell = el('td', { colspan: 7 }, list);
    const detail = open || el('tr', { class: 'timeline-row' });
    detail.replaceChildren(cell);
    return detail;
  }

  function renderTopics() {
    const container = $('topics');
    const names = [...model.topics.keys()].sort((a, b) => (a.endsWith('.dlt') - b.endsWith('.dlt')) || a.localeCompare(b));
    for (const name of names) {
      let section = container.querySelector(`[data-topic="${CSS.escape(name)}"]`);
      if (!section) {
        section = el('section', { class: 'topic', 'data-topic': name, 'data-dead-letters': String(name.endsWith('.dlt')) },
          el('h3', { text: name }), el('ol', { 'aria-label': 'Records of ' + name }));
        container.append(section);
      }
      const list = section.querySelector('ol');
      list.replaceChildren(...model.topics.get(name).map(recordItem));
    }
  }

  function recordItem(record) {
    return el('li', { 'data-offset': record.offset },
      el('div', { class: 'meta' },
        el('span', { class: 'mono', text: time(record.time) }),
        el('span', { class: 'type', text: record.name || record.type || 'no type' }),
        el('span', { class: 'mono', title: record.key || '', text: 'key ' + (record.key ? shortId(record.key) : 'none') }),
        el('span', { class: 'muted', text: `p${record.partition} @${record.offset}` }),
        record.note ? el('span', { class: 'note', text: record.note }) : null),
      el('code', { class: 'payload', text: record.payload }));
  }

  // ---------------------------------------------------------------- commands

  /** Sends a command; its answer (or problem) goes to the "What happened" list. */
  async function command(body) {
    try {
      const response = await fetch('api/commands', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        log(answer.message || 'Done', 'ok', answer.details);
      } else {
        log(`${answer.title || 'Refused'}: ${answer.detail || response.status}`, 'error');
      }
      return answer;
    } catch (error) {
      log('The console did not answer: ' + error.message, 'error');
      return null;
    }
  }

  function log(message, kind, details) {
    const item = el('li', { 'data-kind': kind, 'data-order-id': details && details.orderId },
      el('time', { text: time(new Date().toISOString()) }), message);
    const list = $('command-log');
    list.prepend(item);
    while (list.children.length > 30) list.lastChild.remove();
  }

  async function placeOrders(approved, declined) {
    for (let i = 0; i < approved; i++) await command({ command: 'place-order', card: 'approved' });
    for (let i = 0; i < declined; i++) await command({ command: 'place-order', card: 'declined' });
  }

  function setProviderFaults(errorRate, latencyMs) {
    $('provider-error-rate').value = errorRate;
    $('provider-latency').value = latencyMs;
    return command({ command: 'set-provider-faults', errorRate, latencyMs });
  }

  async function listDeadLetters() {
    const list = $('dead-letters');
    try {
      const response = await fetch('api/dead-letters');
      const listing = await response.json();
      const items = listing.letters.map((letter) => el('li', {},
        `${letter.service}: ${letter.type || 'no type'} from ${letter.topic} @${letter.offset}: `, el('em', { text: letter.reason || 'no reason' })));
      for (const [service, why] of Object.entries(listing.unavailable)) items.push(el('li', { text: `${service}: ${why}` }));
      list.replaceChildren(...(items.length ? items : [el('li', { text: 'No unresolved dead letters.' })]));
    } catch (error) {
      list.replaceChildren(el('li', { text: 'Could not list dead letters: ' + error.message }));
    }
  }

  function wireControls() {
    $('place-approved').addEventListener('click', () => command({ command: 'place-order', card: 'approved' }));
    $('place-declined').addEventListener('click', () => command({ command: 'place-order', card: 'declined' }));
    $('load-start').addEventListener('click', () => command({
      command: 'start-load', ratePerSecond: Number($('load-rate').value), approvedShare: Number($('load-approved').value) / 100,
    }));
    $('load-stop').addEventListener('click', () => command({ command: 'stop-load' }));
    $('provider-apply').addEventListener('click', () => setProviderFaults(Number($('provider-error-rate').value),
      Number($('provider-latency').value)));
    $('poison-publish').addEventListener('click', () => command({ command: 'publish-poison', topic: $('poison-topic').value }));
    $('dead-letters-list').addEventListener('click', listDeadLetters);
    $('dead-letters-replay').addEventListener('click', async () => {
      await command({ command: 'replay-dead-letters' });
      listDeadLetters();
    });
  }

  // ---------------------------------------------------------------- the guided tour

  // Five steps, about three minutes: the brief's thesis by hand. Each step says what to look at and offers to do
  // the step's action; where the console cannot stop services (docker compose) it says which command does.
  const canControl = () => Boolean(model.status && model.status.serviceControls);
  // with several instances of a service (./run-local.sh --instances 2) the story holds only when all of them go
  function instanceNames(service) {
    const status = model.status && model.status.services.find((candidate) => candidate.name === service);
    return status && status.instances && status.instances.length ? status.instances.map((i) => i.name) : [service];
  }
  function everyInstance(service) {
    const count = instanceNames(service).length;
    return count > 1 ? ` (all ${count} instances)` : '';
  }
  function onEveryInstance(operation, service) {
    return Promise.all(instanceNames(service).map((name) => command({ command: operation, service: name })));
  }
  const TOUR = [
    {
      title: 'Orders are accepted without waiting for payment',
      panel: 'orders-panel',
      text: ['A client places an order with POST /api/orders. order-service stores it as PENDING together with an '
        + 'OrderPlaced event in one transaction, and answers 202 Accepted at once.',
      'payment-service reads OrderPlaced from Kafka and charges the provider; order-service reads the result and '
        + 'confirms or rejects the order. Watch the rows below, and the events per topic further down.'],
      action: 'Place 2 approved orders and 1 declined', run: () => placeOrders(2, 1),
    },
    {
      title: 'Take payment-service away',
      panel: 'services-panel',
      text: ['Stop payment-service. Its card turns red. Nothing else changes: no service calls it to take an order.'],
      action: () => (canControl() ? 'Stop payment-service' + everyInstance('payment-service')
        : 'In a terminal: docker compose stop payment-service'),
      run: () => (canControl() ? onEveryInstance('stop-service', 'payment-service') : null),
    },
    {
      title: 'Keep ordering',
      panel: 'orders-panel',
      text: ['Place orders while payment-service is down. Each is answered 202 Accepted and waits as PENDING: its '
        + 'OrderPlaced waits in Kafka, and payment-service\'s consumer lag grows by one per order.'],
      action: 'Place 5 approved orders', run: () => placeOrders(5, 0),
    },
    {
      title: 'Bring it back',
      panel: 'services-panel',
      text: ['Start payment-service. Once it is up it reads what it missed: its consumer lag drains to 0, and every '
        + 'waiting order becomes CONFIRMED. Nobody retried anything by hand.'],
      action: () => (canControl() ? 'Start payment-service' + everyInstance('payment-service')
        : 'In a terminal: docker compose start payment-service'),
      run: () => (canControl() ? onEveryInstance('start-service', 'payment-service') : null),
    },
    {
      title: 'Nothing lost, nothing done twice',
      panel: 'orders-panel',
      text: ['Charged comes from the payment provider\'s own ledger, Emails from notification-service: one charge and '
        + 'one email per order, though payment-service was gone in the middle of their sagas.',
      'More to try: set the provider\'s error rate to 1 with a steady load running and watch the payment-provider '
        + 'breaker open (payment-service then pauses its consumer: no retry storm), then set it back to 0. Or publish '
        + 'a poison record and find it on the dead-letter topics.'],
      action: 'Make the provider fail for a while', run: () => setProviderFaults(1, 0),
    },
  ];
  let tourStep = 0;

  function showTour(step) {
    tourStep = Math.max(0, Math.min(TOUR.length - 1, step));
    const current = TOUR[tourStep];
    $('tour').hidden = false;
    $('tour-progress').textContent = `(step ${tourStep + 1} of ${TOUR.length})`;
    $('tour-heading').textContent = current.title;
    $('tour-text').replaceChildren(...current.text.map((paragraph) => el('p', { text: paragraph })));
    const action = typeof current.action === 'function' ? current.action() : current.action;
    $('tour-do').textContent = action;
    $('tour-back').disabled = tourStep === 0;
    $('tour-next').disabled = tourStep === TOUR.length - 1;
    document.querySelectorAll('.highlight').forEach((node) => node.classList.remove('highlight'));
    $(current.panel).classList.add('highlight');
  }

  function wireTour() {
    $('tour-start').addEventListener('click', () => { showTour(0); $('tour-heading').focus(); });
    $('tour-heading').tabIndex = -1;
    $('tour-do').addEventListener('click', () => TOUR[tourStep].run());
    $('tour-back').addEventListener('click', () => showTour(tourStep - 1));
    $('tour-next').addEventListener('click', () => showTour(tourStep + 1));
    $('tour-close').addEventListener('click', () => {
      $('tour').hidden = true;
      document.querySelectorAll('.highlight').forEach((node) => node.classList.remove('highlight'));
      $('tour-start').focus();
    });
  }

  wireControls();
  wireTour();
  connect();
})();
