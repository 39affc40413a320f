// Browser helpers of the consultation room and the astrologer's request alert (an ES module loaded through JS interop).

/** Tells the room when the tab is shown or hidden, so messages are marked read only while someone can see them. */
export function watchVisibility(room) {
    const report = () => room.invokeMethodAsync("VisibilityChanged", document.visibilityState === "visible");
    document.addEventListener("visibilitychange", report);
    return { dispose: () => document.removeEventListener("visibilitychange", report) };
}

/** Scrolls the chat log to its newest message. */
export function scrollToEnd(element) {
    if (element) {
        element.scrollTop = element.scrollHeight;
    }
}

/** Whether the window is wide enough to show the shared chart beside the chat (the md breakpoint). */
export function isWide() {
    return window.matchMedia("(min-width: 960px)").matches;
}

/**
 * Plays the new-request chime. Browsers refuse sound before the person has interacted with the page; the toast and
 * the card still show, so a refusal is ignored.
 */
export function playChime(url) {
    try {
        const audio = new Audio(url);
        audio.volume = 0.6;
        const played = audio.play();
        if (played && typeof played.catch === "function") {
            played.catch(() => { });
        }
    } catch {
        // No audio support: the visual alert is enough.
    }
}
