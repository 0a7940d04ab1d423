export * from './organizations.js';
export * from './users.js';
export * from './audit.js';
export * from './patients.js';
export * from './settings.js';
export * from './oncology.js';
export * from './mdt.js';
