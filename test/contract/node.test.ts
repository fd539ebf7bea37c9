import { startNodeTarget } from '../support/node-server.js';
import { defineContract } from './contract.js';

defineContract('Node (SQLite)', () => startNodeTarget());
