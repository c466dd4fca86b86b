// Shows every <time data-local-time> in the reader's own time zone and language ("Dec 4, 2026, 9:30 AM");
// without scripts the page keeps the time the server wrote, in UTC and labelled so.
(() => {
    const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    for (const element of document.querySelectorAll("time[data-local-time]")) {
        const at = new Date(element.dateTime);
        if (!Number.isNaN(at.getTime())) {
            element.textContent = format.format(at);
        }
    }
})();
