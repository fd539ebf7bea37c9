/**
 * What the fault-injecting Workers entry answers at `GET /__day`: a day queue's storage as it stands. Its own
 * module, because the entry runs in workerd and the test reading the answer runs on Node.
 */
export interface StoredDay {
  tables: string[];
  places: { id: string; state: string; status: string; needs_sync: number }[];
  alarm: number | null;
  /** Injected D1 failures still to come when this was read, to tell whether the alarm has been refused yet. */
  faultsLeft: number;
}
