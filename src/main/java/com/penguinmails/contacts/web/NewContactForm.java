package com.penguinmails.contacts.web;

import java.util.List;
import java.util.Map;

import com.penguinmails.contacts.Contacts.NewContact;

/** The contacts page's "add a contact" form; fields not sent are empty. */
record NewContactForm(String email, String firstName, String lastName, String company) implements java.io.Serializable {

	NewContactForm {
		email = email == null ? "" : email;
		firstName = firstName == null ? "" : firstName;
		lastName = lastName == null ? "" : lastName;
		company = company == null ? "" : company;
	}

	NewContact contact() {
		return new NewContact(email, firstName, lastName, company, "", "", "", "", "", "", Map.of(), List.of());
	}

}
