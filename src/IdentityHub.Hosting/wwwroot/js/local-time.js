// Shows every <time data-local-time> in the reader's own time zone, worded in the page's language
// ("Dec 4, 2026, 9:30 AM", "4 dic 2026, 9:30 a. m."); without scripts the page keeps the time the server
// wrote, in UTC and labelled so.
(() => {
    const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
    for (const element of document.querySelectorAll("time[data-local-time]")) {
        const at = new Date(element.dateTime);
        if (!Number.isNaN(at.getTime())) {
            element.textContent = format.format(at);
        }
    }
})();
