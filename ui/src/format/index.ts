export { formatDate, formatDateTime, TIME_ZONE } from "./dates";
export {
  addMillimes,
  formatMoney,
  type Millimes,
  millimesToDecimalString,
  MILLIMES_PER_DINAR,
  parseDinarsToMillimes,
  toBigMillimes,
} from "./money";
