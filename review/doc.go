// Package review turns the weekly review (store.Review) and a case into
// the files a user exports: an iCalendar file, a PDF agenda and a PDF case
// summary, in the current language. It writes bytes and never touches the
// disk: the face writes them where the user chose, after warning that the
// file is not encrypted. See docs/review.md.
package review
