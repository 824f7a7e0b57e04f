import { readFileSync } from 'node:fs';
import type { Scorecard } from '@fazhi/core';
import type { RubricLike } from '../src/index.js';

const fx = (n: string) => new URL(`./fixtures/${n}`, import.meta.url);
export const fixtureText = () => readFileSync(fx('qingshui-2024.txt'), 'utf8');
export const fixtureCard = (): Scorecard => JSON.parse(readFileSync(fx('scorecard.json'), 'utf8'));
export const fixtureRubric = (): RubricLike => JSON.parse(readFileSync(fx('rubric.json'), 'utf8'));
