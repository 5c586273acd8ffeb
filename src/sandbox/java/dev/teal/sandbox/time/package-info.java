/**
 * The simulator's event schedule: what happens at which instant (a task starting, a target turning
 * healthy), replayed up to the clock's now before each call. Depends on nothing else in the sandbox.
 */
package dev.teal.sandbox.time;
