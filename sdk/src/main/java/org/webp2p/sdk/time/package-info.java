/**
 * Time for the player's parts: an {@link org.webp2p.sdk.time.AlarmClock} (the owner thread's clock,
 * timers and task queue) and named {@link org.webp2p.sdk.time.Alarm}s, one per job, instead of one
 * loop that polls deadlines.
 */
package org.webp2p.sdk.time;
