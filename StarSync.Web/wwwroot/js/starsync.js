// Small browser helpers for the Blazor components (imported as an ES module through JS interop).

/** Remembers the light or dark theme for a year; the server reads the cookie when it renders the next page. */
export function rememberTheme(mode) {
    document.cookie = `starsync-theme=${mode === "dark" ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
}

/** Opens the browser's print dialog (the print stylesheet lays the report out for A4). */
export function printPage() {
    window.print();
}

/** Brings an element into view and moves keyboard focus to it, so screen readers announce the new content. */
export function revealElement(id) {
    const element = document.getElementById(id);
    if (!element) {
        return;
    }
    element.scrollIntoView({ behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
    element.focus({ preventScroll: true });
}
