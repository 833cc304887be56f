/**
 * Training: the decision guide, guided stories and the 2.10 -> 3.0 migration view. Pure: no React,
 * no DOM, no clock.
 */
export * from './guided';
export * from './migration';
export * from './play';
export * from './recommender';
