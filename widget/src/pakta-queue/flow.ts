/**
 * Steps 2–6, the flow controller's transitions that need the API, and the SDK client they use, loaded as one chunk
 * right after the first step shows (or at once when a saved booking is shown), so the first script stays small.
 */

import { apiClient } from '../booking';
import { book, cancel, check, dropProof, loadAvail, prepare, refreshSaved } from './actions';
import { channelStep } from './steps/channel';
import { detailsStep } from './steps/details';
import { pactStep } from './steps/pact';
import { resultStep } from './steps/result';
import { slotStep } from './steps/slot';
import styles from './steps/steps.styles';

export default {
  styles,
  apiClient,
  channelStep,
  slotStep,
  detailsStep,
  pactStep,
  resultStep,
  book,
  cancel,
  check,
  dropProof,
  loadAvail,
  prepare,
  refreshSaved,
};
