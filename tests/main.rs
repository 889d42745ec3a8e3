//! One integration binary (it links once): gold tests over `corpus/` and CLI
//! tests on the real binary.

mod browser;
mod ci;
mod cli;
mod corpus;
mod hostile;
mod house;
mod positions;
mod properties;
mod safety;
mod web;
