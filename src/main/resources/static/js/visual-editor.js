/*
 * PenguinVisualEditor: the visual email editor (GrapesJS with grapesjs-mjml, served from /vendor,
 * built from npm at build time). Include fragments/editors :: visual-assets first.
 *
 *   var editor = PenguinVisualEditor.mount(hostElement, {mjml: string|null, html: string|null,
 *                                                        onChange: function ({mjml, html, text}) {}});
 *   editor.getContent() -> {mjml, html, text}; editor.flush() -> Promise (ends typing in progress);
 *   editor.destroy();
 *
 * mjml: the MJML document to open (null: a short default letter). html: used only when there is no
 * MJML, wrapped in an mj-raw block so it is kept. html is MJML compiled to email HTML (tables, inline
 * styles; MJML does the inlining), text the visible text of that HTML. Liquid ({{ ... }}, {% ... %})
 * comes back exactly as written: the editor's HTML escaping inside Liquid tags is undone.
 * The editor fires a "penguin:visual-load" event on the host when it is interactive, with
 * detail.ms = milliseconds since navigation start (performance.now()).
 */
(function () {
	'use strict';

	var DEFAULT_MJML = '<mjml><mj-body><mj-section><mj-column>' +
		'<mj-text font-size="15px" line-height="1.5">Hi {{ first_name | default: "there" }},</mj-text>' +
		'<mj-text font-size="15px" line-height="1.5">Write your message here.</mj-text>' +
		'<mj-text font-size="15px" line-height="1.5">Best,<br>{{ sender.first_name }}</mj-text>' +
		'</mj-column></mj-section></mj-body></mjml>';

	var ENTITIES = {'&quot;': '"', '&#34;': '"', '&#039;': "'", '&#39;': "'", '&apos;': "'",
		'&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&#x27;': "'"};

	/** Undoes HTML escaping inside {{ ... }} and {% ... %} so Liquid keeps its quotes and operators. */
	function restoreLiquid(s) {
		if (!s) {
			return s;
		}
		return s.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, function (tag) {
			return tag.replace(/&(quot|#34|#0?39|apos|amp|lt|gt|nbsp|#x27);/g, function (e) {
				return ENTITIES[e] || e;
			});
		});
	}

	var BLOCKS = /^(p|div|br|tr|table|h[1-6]|li|ul|ol|section|article|header|footer|blockquote|hr)$/i;

	/** The visible text of an HTML document: blocks on their own lines, runs of spaces folded. */
	function visibleText(html) {
		var doc = new DOMParser().parseFromString(html || '', 'text/html');
		doc.querySelectorAll('head, style, script, title').forEach(function (n) { n.remove(); });
		var out = [];
		(function walk(node) {
			node.childNodes.forEach(function (child) {
				if (child.nodeType === 3) {
					out.push(child.nodeValue.replace(/\s+/g, ' '));
				} else if (child.nodeType === 1) {
					var block = BLOCKS.test(child.tagName);
					if (block) { out.push('\n'); }
					walk(child);
					if (block) { out.push('\n'); }
				}
			});
		})(doc.body || doc.documentElement);
		return out.join('').split('\n').map(function (l) { return l.trim(); })
			.join('\n').replace(/\n{3,}/g, '\n\n').trim();
	}

	function plugin() {
		var p = window['grapesjs-mjml'];
		return p && p.default ? p.default : p;
	}

	function mount(host, options) {
		options = options || {};
		var source = options.mjml && options.mjml.trim() ? options.mjml
			: options.html && options.html.trim()
				? '<mjml><mj-body><mj-raw>' + options.html + '</mj-raw></mj-body></mjml>'
				: DEFAULT_MJML;
		var container = document.createElement('div');
		container.className = 'visual-editor-canvas';
		host.appendChild(container);
		var editor = window.grapesjs.init({
			container: container,
			height: '100%',
			fromElement: false,
			components: source,
			storageManager: false,
			// Our pages save through their own forms: no "Leave site?" prompt on submit.
			noticeOnUnload: false,
			assetManager: {upload: false},
			plugins: [plugin()],
			pluginsOpts: {}
		});
		var timer = null;

		function content() {
			var mjml = restoreLiquid(editor.getHtml().trim());
			var compiled = editor.runCommand('mjml-code-to-html', {mjml: mjml}) || {};
			var html = restoreLiquid(compiled.html || '');
			return {mjml: mjml, html: html, text: visibleText(html)};
		}

		function changed() {
			if (typeof options.onChange !== 'function') {
				return;
			}
			clearTimeout(timer);
			timer = setTimeout(function () { options.onChange(content()); }, 150);
		}

		editor.on('update', changed);
		editor.on('component:update', changed);
		editor.on('load', function () {
			host.setAttribute('data-loaded', 'true');
			host.dispatchEvent(new CustomEvent('penguin:visual-load', {detail: {ms: performance.now()}}));
			changed();
		});
		/** Ends rich-text editing in progress (its typing then reaches the model); resolves when done. */
		function flush() {
			var editing = editor.getEditing && editor.getEditing();
			var view = editing && editing.getView && editing.getView();
			return Promise.resolve(view && view.disableEditing ? view.disableEditing() : null);
		}

		return {
			editor: editor,
			getContent: content,
			flush: flush,
			destroy: function () {
				clearTimeout(timer);
				editor.destroy();
				container.remove();
			}
		};
	}

	window.PenguinVisualEditor = {mount: mount, visibleText: visibleText, restoreLiquid: restoreLiquid};
})();
