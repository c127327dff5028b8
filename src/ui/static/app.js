// Keyboard: "/" focuses the search box (unless typing in a field); Escape leaves it.
document.addEventListener('keydown', (e) => {
  const box = document.getElementById('q');
  const typing =
    e.target instanceof HTMLInputElement ||
    e.target instanceof HTMLSelectElement ||
    e.target instanceof HTMLTextAreaElement;
  if (e.key === '/' && box && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    box.focus();
    box.select();
  } else if (e.key === 'Escape' && e.target === box) {
    box.blur();
  }
});
