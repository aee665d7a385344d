/**
 * The words readers are described in (situations, tracks, statuses, send hour, time zone), for the
 * API and its pages. They are defined with the item schemas in core/db (vocabulary.ts); the HTTP
 * side takes them from here so nothing in functions/api imports a value from the persistence layer.
 */
export { ReaderStatus, SendHour, Situation, TimeZone, Track } from '../db/vocabulary.js';
