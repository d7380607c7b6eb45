/** Zoo recipes, seeds and checkpoints: what a population of trained models is made of. */
package io.hyperrep.core.zoo;
