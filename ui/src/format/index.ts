export { formatDate, formatDateTime, TIME_ZONE } from "./dates";
export { formatMoney, millimesToDecimalString, MILLIMES_PER_DINAR, parseDinarsToMillimes } from "./money";
