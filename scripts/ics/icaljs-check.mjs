// Parses a Casefile week export with ical.js, the parser of Thunderbird's
// calendar, and prints each event as Thunderbird would place it: all-day
// on its date, timed events converted to UTC through the file's VTIMEZONE.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
const text = readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
for (const tz of cal.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(tz);
}
const uids = new Set();
let allDay = 0, timed = 0;
for (const c of cal.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(c);
  if (uids.has(ev.uid)) throw new Error("duplicate UID " + ev.uid);
  uids.add(ev.uid);
  if (ev.startDate.isDate) {
    allDay++;
    if (ev.endDate.toJSDate() - ev.startDate.toJSDate() !== 86400000) throw new Error("all-day event not one day: " + ev.uid);
    console.log("all-day", ev.startDate.toString(), ev.summary);
  } else {
    timed++;
    if (ev.startDate.zone.tzid !== "Europe/Paris") throw new Error("zone " + ev.startDate.zone.tzid);
    console.log("timed  ", ev.startDate.toString(), "Europe/Paris =", ev.startDate.toJSDate().toISOString(), "UTC", ev.summary);
  }
}
console.log(`ical.js: ${uids.size} events (${allDay} all-day, ${timed} timed), UIDs unique`);
