// Test-only: attaches the live preview as the editor pages will.
window.testPreview = PenguinPreview.attach(document.getElementById('editor'),
	document.querySelector('[data-preview-pane]'), {});
