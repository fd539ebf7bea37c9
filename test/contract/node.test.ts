import { defineContract } from './contract.js';
import { startNodeTarget } from '../support/node-server.js';

defineContract('Node (SQLite)', () => startNodeTarget());
